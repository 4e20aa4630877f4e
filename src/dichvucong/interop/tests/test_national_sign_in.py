"""Sign in through the certified OpenID provider (oidc-provider on loopback), as DVCQG."""

import httpx
import pytest
from django.contrib.auth import get_user_model

from dichvucong.accounts.models import NationalIdentity, VerificationLevel
from dichvucong.core.models import AuditLog
from dichvucong.interop.tests.issuers import sign_in_at_provider, sign_out_at_provider

pytestmark = pytest.mark.django_db
START = "/dang-nhap/dinh-danh/dvcqg/"


def _authorize(client) -> str:
    response = client.get(START)
    assert response.status_code == 302
    return response["Location"]


def _sign_in(client, login="citizen"):
    with httpx.Client(follow_redirects=False, timeout=10) as browser:
        callback = sign_in_at_provider(browser, _authorize(client), login)
    return client.get(callback), callback


def test_login_page_offers_the_national_buttons(client, dvcqg):
    page = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia" in page
    assert START in page


def test_authorization_request_has_state_nonce_pkce_and_level(client, dvcqg):
    url = httpx.URL(_authorize(client))
    params = dict(url.params)
    assert url.path == "/auth"
    assert params["response_type"] == "code"
    assert params["code_challenge_method"] == "S256" and params["code_challenge"]
    assert params["state"] and params["nonce"]
    assert params["acr_values"] == "LoA2"


def test_first_sign_in_creates_a_verified_account_and_signs_out_of_both(client, dvcqg):
    response, _callback = _sign_in(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(id_number="079199000123")
    assert user.full_name == "Nguyễn Thị Thử Nghiệm"
    assert user.date_of_birth.isoformat() == "1990-05-17"
    assert user.phone == "+84912000123"
    assert user.verification_level == VerificationLevel.HIGH
    assert not user.has_usable_password()
    link = NationalIdentity.objects.get(user=user)
    assert (link.provider, link.subject, link.level, link.tech_id) == (
        "dvcqg",
        "sub-citizen",
        2,
        "tech-0001",
    )
    assert AuditLog.objects.filter(action="accounts.national_register").count() == 1
    profile = client.get("/tai-khoan/").content.decode()
    assert "Đã xác minh qua VNeID (mức 2)" in profile

    logout = client.post("/dang-xuat/dinh-danh/")
    assert logout.status_code == 302
    assert logout["Location"].startswith(dvcqg.issuer + "/session/end")
    assert "id_token_hint=" in logout["Location"]
    assert client.get("/tai-khoan/").status_code == 302  # signed out of the portal
    with httpx.Client(follow_redirects=False, timeout=10) as browser:
        back = sign_out_at_provider(browser, logout["Location"])
    assert back == "http://testserver/"


def test_second_sign_in_reuses_the_account(client, dvcqg):
    _sign_in(client)
    client.logout()
    _sign_in(client)
    assert get_user_model().objects.filter(id_number="079199000123").count() == 1
    assert AuditLog.objects.filter(action="accounts.national_sign_in").count() == 1


def test_business_account_is_matched_on_the_tax_code(client, dvcqg):
    response, _ = _sign_in(client, "business")
    assert response.status_code == 302
    user = get_user_model().objects.get(enterprise_code="0312345678")
    assert user.account_type == "business" and user.id_number is None
    assert user.organisation_name == "Công ty TNHH Thử Nghiệm"


def test_wrong_state_is_refused(client, dvcqg):
    with httpx.Client(follow_redirects=False, timeout=10) as browser:
        callback = sign_in_at_provider(browser, _authorize(client), "citizen")
    forged = httpx.URL(callback).copy_set_param("state", "not-the-state")
    response = client.get(f"{forged.path}?{forged.query.decode()}")
    assert response.status_code == 400
    assert "Phiên đăng nhập không hợp lệ" in response.content.decode()
    assert not get_user_model().objects.filter(id_number="079199000123").exists()


def test_replayed_callback_and_replayed_code_are_refused(client, dvcqg):
    response, callback = _sign_in(client)
    assert response.status_code == 302
    client.logout()
    # The same callback again: its state was used up.
    assert client.get(callback).status_code == 400
    # The old code under a fresh state: the provider refuses a code used once.
    fresh_state = httpx.URL(_authorize(client)).params["state"]
    replay = httpx.URL(callback).copy_set_param("state", fresh_state)
    response = client.get(f"{replay.path}?{replay.query.decode()}")
    assert response.status_code == 400
    assert "Đăng nhập bằng tài khoản định danh không thành công" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_missing_claims_create_no_account(client, dvcqg):
    response, _ = _sign_in(client, "no-name")
    assert response.status_code == 400
    assert "không gửi đủ thông tin" in response.content.decode()
    assert not get_user_model().objects.filter(id_number="079199000456").exists()
    assert not NationalIdentity.objects.exists()


def test_provider_refusal_is_a_clear_message(client, dvcqg):
    state = httpx.URL(_authorize(client)).params["state"]
    response = client.get(START + f"ve/?state={state}&error=access_denied")
    assert response.status_code == 400
    assert "không thành công" in response.content.decode()
