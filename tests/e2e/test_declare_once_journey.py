"""Declare once, in Chromium: a citizen signs in at the (test) national portal (the certified
OpenID provider on loopback), finds the form filled from VNeID and from the population
database (an HTTP database on loopback), each value saying where it came from, is not asked
for the ID-card paper whose data was fetched, submits, gets a code, and signs out of both."""

import re

import pytest
from playwright.sync_api import expect

from dichvucong.catalog.tests.factories import make_agency
from dichvucong.dossiers.models import Dossier, DossierStatus, LookupResult, PopulationLookup
from dichvucong.dossiers.tests.population_fakes import (
    INTEGRATION_CODE,
    TOKEN,
    FakePopulationDatabase,
    procedure_declaring_once,
)
from tests.e2e.a11y import assert_accessible
from tests.e2e.test_national_sign_in_journey import national_portal  # noqa: F401 - fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def population_database(settings):
    fake = FakePopulationDatabase()
    fake.answers_from_demo()
    settings.POPULATION_PROVIDER = "http"
    settings.POPULATION_HTTP_URL = fake.url
    settings.POPULATION_HTTP_TOKEN = TOKEN
    settings.POPULATION_INTEGRATION_CODE = INTEGRATION_CODE
    with fake.running():
        yield fake


def test_citizen_signs_in_submits_with_prefilled_data_and_signs_out_of_both(
    page,
    live_server,
    national_portal,  # noqa: F811
    population_database,
):
    procedure, card = procedure_declaring_once(
        code="3.000333",
        name="Cấp Phiếu lý lịch tư pháp",
        agencies=[make_agency(name="Sở Tư pháp", code="000.00.12.H56")],
    )
    page.goto(f"{live_server.url}/dang-nhap/")
    assert_accessible(page, "login")
    page.get_by_role("link", name="Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia").click()
    page.locator("input[name=login]").fill("citizen")  # at the provider's own page
    page.locator("input[name=password]").fill("any")
    page.locator("button[type=submit]").click()
    page.get_by_text("Đã xác minh qua VNeID (mức 2)").wait_for()
    assert_accessible(page, "profile-after-national-sign-in")

    page.goto(f"{live_server.url}/nop-ho-so/{procedure.code}/")
    assert_accessible(page, "start")
    page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    name = page.get_by_label("Họ và tên")
    expect(name).to_have_value("Nguyễn Thị Thử Nghiệm")
    expect(name).to_be_disabled()  # vouched for by VNeID: not to be changed here
    expect(page.get_by_label("Số định danh cá nhân")).to_have_value("079199000123")
    expect(page.get_by_label("Ngày sinh")).to_have_value("1990-05-17")
    expect(page.get_by_label("Giới tính")).to_have_value("Nữ")
    expect(page.get_by_label("Nơi thường trú: số nhà, đường, thôn/xóm")).to_have_value(
        "Số 5 đường Lê Lợi"
    )
    expect(page.locator(".prefill-source", has_text="Từ CSDL quốc gia về dân cư")).to_have_count(3)
    expect(
        page.locator(".prefill-source", has_text="Từ tài khoản định danh điện tử VNeID")
    ).to_have_count(2)
    expect(page.get_by_label("Giới tính")).to_be_enabled()  # the citizen may correct it
    assert_accessible(page, "form-prefilled")
    page.get_by_label("Mục đích").fill("Xin việc")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    block = page.locator(f"#giay-to-{card.pk}")
    expect(block.get_by_text("không cần nộp")).to_be_visible()
    assert_accessible(page, "files-paper-not-needed")
    page.get_by_role("link", name="Xem lại hồ sơ").click()
    expect(page.get_by_text("Từ CSDL quốc gia về dân cư, không cần nộp")).to_be_visible()
    expect(page.locator(".answer-source", has_text="Từ CSDL quốc gia về dân cư")).to_have_count(3)
    assert_accessible(page, "review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", name="Nộp thành công")).to_be_visible()
    assert_accessible(page, "submitted")
    code = page.locator("#dossier-code").inner_text().strip()
    assert re.fullmatch(r"000\.00\.12\.H56-\d{6}-0001", code)
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == DossierStatus.NEW
    assert dossier.form_data["full_name"] == "Nguyễn Thị Thử Nghiệm"
    assert dossier.form_data["residence"]["commune"] == "24823"
    assert not dossier.attachments.filter(kind="application").exists()  # no paper sent
    lookup = PopulationLookup.objects.get()
    assert (lookup.dossier_id, lookup.result) == (dossier.pk, LookupResult.FOUND)
    assert [body["SoDinhDanh"] for body, _ in population_database.requests] == ["079199000123"]

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(f"{national_portal.issuer}/**")  # the provider's logout page
    page.locator("button[autofocus], button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/tai-khoan/")
    assert "/dang-nhap/" in page.url  # signed out of the portal
    page.goto(f"{live_server.url}/dang-nhap/dinh-danh/dvcqg/")
    page.locator("input[name=login]").wait_for()  # and of the provider
