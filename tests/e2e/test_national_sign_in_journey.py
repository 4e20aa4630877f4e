"""A citizen signs in with the (test) national portal in Chromium: the certified OpenID
provider (oidc-provider on loopback) → the portal creates the account at level 2 → signs out
of both."""

import pytest
from django.contrib.auth import get_user_model

from dichvucong.interop.tests.issuers import (
    CLIENT_ID,
    CLIENT_SECRET,
    NodeProvider,
    e2e_required,
    node_provider_available,
    real_clock,
)
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def national_portal(live_server, settings):
    if not node_provider_available():
        if e2e_required():
            pytest.fail("tests/oidc/node_modules is missing: run `npm ci` in tests/oidc")
        pytest.skip("oidc-provider is not installed (npm ci in tests/oidc)")
    provider = NodeProvider(
        callback=f"{live_server.url}/dang-nhap/dinh-danh/dvcqg/ve/", home=f"{live_server.url}/"
    )
    settings.OIDC_PROVIDERS = ["dvcqg"]
    settings.OIDC_DVCQG_ISSUER = provider.issuer
    settings.OIDC_DVCQG_CLIENT_ID = CLIENT_ID
    settings.OIDC_DVCQG_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_DVCQG_SCOPES = "openid email phone"
    with real_clock():  # the provider signs with the real time, whatever the suite's clock
        yield provider
    provider.stop()


def test_citizen_signs_in_with_the_national_portal_and_out_of_both(
    page, live_server, national_portal, artifacts_dir
):
    page.goto(f"{live_server.url}/dang-nhap/")
    assert_accessible(page, "login")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia").click()

    # At the provider (its own login page): the test account "citizen".
    page.locator("input[name=login]").fill("citizen")
    page.locator("input[name=password]").fill("any")
    page.locator("button[type=submit]").click()

    page.get_by_text("Đã xác minh qua VNeID (mức 2)").wait_for()
    assert page.url.startswith(live_server.url)
    user = get_user_model().objects.get(id_number="079199000123")
    assert user.full_name == "Nguyễn Thị Thử Nghiệm"
    page.screenshot(path=str(artifacts_dir / "national-sign-in-profile.png"))
    assert_accessible(page, "profile")

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{national_portal.issuer}/**")  # the provider's logout page
    page.locator("button[autofocus], button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/tai-khoan/")
    assert "/dang-nhap/" in page.url  # signed out of the portal
    # And out of the provider: a new sign-in asks for the login again.
    page.goto(f"{live_server.url}/dang-nhap/dinh-danh/dvcqg/")
    page.locator("input[name=login]").wait_for()
