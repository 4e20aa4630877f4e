"""The demo provider's chooser page, and linking a national sign-in to an existing account
only after its owner proves it (password or OTP)."""

import pytest
from django.contrib.auth import get_user_model

from dichvucong.accounts.models import NationalIdentity
from dichvucong.accounts.tests.conftest import latest_otp
from dichvucong.accounts.tests.factories import PASSWORD, make_citizen
from dichvucong.core.models import AuditLog

pytestmark = pytest.mark.django_db
DEMO_ID = "068190000111"  # the demo chooser's "citizen"


@pytest.fixture(autouse=True)
def _demo_only(settings):
    settings.DEMO_MODE = True
    settings.OIDC_PROVIDERS = ["demo"]


def _demo_sign_in(client, person="citizen"):
    chooser = client.get("/dang-nhap/dinh-danh/demo/")["Location"]
    page = client.get(chooser)
    assert page.status_code == 200
    assert "Trần Thị Minh Họa" in page.content.decode()
    back = client.post(chooser, {"person": person})
    return client.get(back["Location"])


def test_demo_person_signs_in_through_the_chooser(client):
    response = _demo_sign_in(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(id_number=DEMO_ID)
    assert "_auth_user_id" in client.session
    assert NationalIdentity.objects.get(user=user).level == 2
    assert "Đã xác minh qua VNeID (mức 2)" in client.get("/tai-khoan/").content.decode()


def test_the_chooser_is_absent_without_demo_mode(client, settings):
    settings.DEMO_MODE = False
    assert client.get("/dang-nhap/dinh-danh/thu-nghiem/?state=x").status_code == 404


def test_a_demo_code_works_once(client):
    chooser = client.get("/dang-nhap/dinh-danh/demo/")["Location"]
    back = client.post(chooser, {"person": "citizen"})["Location"]
    assert client.get(back).status_code == 302
    client.logout()
    assert client.get(back).status_code == 400


def test_an_existing_account_is_not_linked_silently(client):
    local = make_citizen(id_number=DEMO_ID, full_name="Trần Thị Minh Họa")
    response = _demo_sign_in(client)
    assert response.status_code == 302 and response["Location"] == "/dang-nhap/dinh-danh/lien-ket/"
    assert "_auth_user_id" not in client.session
    assert not NationalIdentity.objects.exists()
    page = client.get("/dang-nhap/dinh-danh/lien-ket/")
    assert "xác nhận bạn là chủ tài khoản" in page.content.decode()
    wrong = client.post("/dang-nhap/dinh-danh/lien-ket/", {"action": "password", "password": "x"})
    assert wrong.status_code == 400
    assert "Mật khẩu không đúng" in wrong.content.decode()
    assert not NationalIdentity.objects.exists()
    right = client.post(
        "/dang-nhap/dinh-danh/lien-ket/", {"action": "password", "password": PASSWORD}
    )
    assert right.status_code == 302
    assert int(client.session["_auth_user_id"]) == local.pk
    assert NationalIdentity.objects.get().user == local
    assert AuditLog.objects.get(action="accounts.national_link").data["proof"] == "password"
    assert get_user_model().objects.filter(id_number=DEMO_ID).count() == 1


def test_an_existing_account_is_linked_after_an_otp(client):
    local = make_citizen(id_number=DEMO_ID, phone="+84912345670")
    _demo_sign_in(client)
    sent = client.post("/dang-nhap/dinh-danh/lien-ket/", {"action": "send_otp"})
    assert sent.status_code == 200
    wrong = client.post(
        "/dang-nhap/dinh-danh/lien-ket/", {"action": "verify_otp", "code": "000000"}
    )
    assert wrong.status_code == 400 and not NationalIdentity.objects.exists()
    code = latest_otp("+84912345670")
    done = client.post("/dang-nhap/dinh-danh/lien-ket/", {"action": "verify_otp", "code": code})
    assert done.status_code == 302
    assert NationalIdentity.objects.get().user == local
    local.refresh_from_db()
    assert local.verification_level == "high"


def test_the_link_page_without_a_pending_sign_in_is_a_clear_400(client):
    response = client.post("/dang-nhap/dinh-danh/lien-ket/", {"action": "password"})
    assert response.status_code == 400
    assert "Phiên đăng nhập không hợp lệ" in response.content.decode()


def test_the_session_remembers_the_provider_and_level_for_dossiers(client):
    _demo_sign_in(client)
    assert client.session["signed_in_identity"] == {"method": "demo", "level": 2}
