"""Registering by digital signature through the signing means: remote (fake service on
loopback), the demo provider (demo CA + built-in phone page), the page and the system check."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from dichvucong.accounts.models import VerificationLevel
from dichvucong.accounts.tests.fake_signing import FakeRemoteSigning
from dichvucong.accounts.tests.helpers import (
    GOOD_PASSWORD,
    citizen_details,
    confirm_phone,
    start,
    submit_details,
)
from dichvucong.accounts.tests.signing_ca import NOW, build_test_ca

pytestmark = pytest.mark.django_db
ID = "060195001122"


@pytest.fixture(scope="module")
def ca():
    return build_test_ca()


@pytest.fixture
def service(ca, settings):
    settings.TRUSTED_SIGNATURE_ROOTS = [ca.root.pem]
    settings.SIGNATURE_CRLS = [ca.crl()]
    settings.SIGNATURE_PROVIDERS = ["plugin", "remote", "demo"]
    with FakeRemoteSigning() as fake:
        settings.SIGNATURE_REMOTE_URL = fake.url
        settings.SIGNATURE_REMOTE_CLIENT_ID = fake.client_id
        settings.SIGNATURE_REMOTE_SECRET = fake.secret
        leaf = ca.leaf(ID)
        fake.people[ID] = ([leaf.cert, ca.intermediate.cert], leaf.key)
        yield fake


def _to_signature_step(client, method="sim_signature"):
    start(client, method=method)
    submit_details(client, citizen_details())
    response = confirm_phone(client)
    assert response["Location"] == reverse("accounts:register_signature")


def _send_request(client, provider="remote"):
    return client.post(
        reverse("accounts:register_signature"), {"action": "remote_start", "provider": provider}
    )


def _poll(client):
    return client.post(reverse("accounts:signature_remote_status"))


def _finish(client):
    return client.post(
        reverse("accounts:register_password"),
        {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )


def _account():
    return get_user_model().objects.filter(id_number=ID).first()


def test_sim_signature_confirmed_on_the_phone_verifies_the_account_at_level_high(client, service):
    _to_signature_step(client)
    response = client.get(reverse("accounts:register_signature"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ký bằng SIM ký số / ký số từ xa" in page
    # The paste form is there, folded away as the advanced fallback.
    assert '<details class="sign-advanced">' in page and "Nâng cao" in page
    _send_request(client)
    page = client.get(reverse("accounts:register_signature")).content.decode()
    assert "Đang chờ xác nhận trên điện thoại" in page
    assert _poll(client).json() == {"ok": False, "pending": True}
    sent = next(iter(service.requests.values()))
    assert sent["user_id"] == ID and sent["hash"] == "sha256"

    service.confirm(ID)
    answer = _poll(client).json()
    assert answer == {"ok": True, "next": reverse("accounts:register_password")}
    # The answer was spent with its challenge: asking again finds nothing waiting.
    assert "Chưa có yêu cầu ký nào đang chờ" in _poll(client).json()["error"]
    _finish(client)
    user = _account()
    assert user.verification_level == VerificationLevel.HIGH
    assert user.verification_method == "sim_signature" and len(user.certificate_fingerprint) == 64
    assert user.phone == "+84987654321"  # the phone confirmed by OTP before signing


def _expired_leaf(ca):
    return ca.leaf(
        ID, not_before=NOW - dt.timedelta(days=400), not_after=NOW - dt.timedelta(days=1)
    )


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("refused", "Bạn đã từ chối yêu cầu ký trên điện thoại"),
        ("timeout", "Hết thời gian chờ xác nhận ký trên điện thoại"),
        ("wrong_signature", "Chữ ký số không hợp lệ."),
        ("untrusted", "Chứng thư số không do tổ chức chứng thực tin cậy cấp."),
        ("expired", "Chứng thư số đã hết hạn hoặc chưa có hiệu lực."),
        ("someone_else", "Chứng thư số không mang số định danh cá nhân đã khai."),
    ],
)
def test_a_remote_signature_that_fails_leaves_the_account_unverified(
    client, service, ca, settings, case, message
):
    if case == "timeout":
        settings.SIGNATURE_REMOTE_WAIT_SECONDS = 0
    if case == "wrong_signature":
        service.wrong_data = True
    if case == "untrusted":
        other = build_test_ca()
        leaf = other.leaf(ID)
        service.people[ID] = ([leaf.cert, other.intermediate.cert], leaf.key)
    if case == "expired":
        leaf = _expired_leaf(ca)
        service.people[ID] = ([leaf.cert, ca.intermediate.cert], leaf.key)
    if case == "someone_else":
        leaf = ca.leaf("060190009999")
        service.people[ID] = ([leaf.cert, ca.intermediate.cert], leaf.key)
    _to_signature_step(client)
    _send_request(client)
    if case == "refused":
        service.refuse(ID)
    elif case != "timeout":
        service.confirm(ID)
    response = _poll(client)
    assert response.status_code == 400
    assert message in response.json()["error"]
    # Not verified: the password step sends the visitor back, no account exists.
    assert client.get(reverse("accounts:register_password")).status_code == 302
    assert _account() is None
    # The request is over: the page offers the signing means again.
    page = client.get(reverse("accounts:register_signature")).content.decode()
    assert "Gửi yêu cầu ký" in page and "Đang chờ xác nhận" not in page


def test_a_service_that_does_not_answer_keeps_the_request_and_says_so(client, service, settings):
    settings.SIGNATURE_REMOTE_TIMEOUT = 0.2
    service.slow = 1.0
    _to_signature_step(client)
    _send_request(client)
    response = _poll(client)
    assert response.status_code == 400
    assert "Dịch vụ ký số từ xa không trả lời" in response.json()["error"]
    service.slow = 0
    service.confirm(ID)
    assert _poll(client).json()["ok"] is True  # the same request, checked again later


def test_the_check_button_works_without_the_script(client, service):
    _to_signature_step(client)
    _send_request(client)
    check = {"action": "remote_check"}
    response = client.post(reverse("accounts:register_signature"), check, follow=True)
    assert "Chưa nhận được xác nhận ký từ điện thoại." in response.content.decode()
    service.confirm(ID)
    response = client.post(reverse("accounts:register_signature"), check)
    assert response["Location"] == reverse("accounts:register_password")


def test_a_person_unknown_to_the_service_or_a_wrong_secret_gets_a_clear_message(
    client, service, settings
):
    del service.people[ID]
    _to_signature_step(client)
    response = _send_request(client)
    page = client.get(response["Location"]).content.decode()
    assert "chưa đăng ký dịch vụ ký số từ xa" in page
    settings.SIGNATURE_REMOTE_SECRET = "not-the-secret"
    response = client.post(
        reverse("accounts:register_signature"),
        {"action": "remote_start", "provider": "remote"},
        follow=True,
    )
    assert "Dịch vụ ký số từ xa không trả lời" in response.content.decode()
    assert not service.requests


def test_the_demo_provider_finishes_the_method_end_to_end(client, settings):
    settings.ESIGN_TRUST_DEMO_CA = True
    settings.SIGNATURE_PROVIDERS = ["plugin", "demo"]
    _to_signature_step(client, method="usb_token")
    page = client.get(reverse("accounts:register_signature")).content.decode()
    assert "Ký bằng USB ký số" in page and "Ký bằng chứng thư số demo" in page
    _send_request(client, provider="demo")
    waiting = client.session["signature_remote"]
    assert _poll(client).json()["pending"] is True

    phone = client.get(waiting["confirm_url"]).content.decode()
    assert "Nguyễn Thị Lan" in phone and "••••••••1122" in phone
    client.post(waiting["confirm_url"], {"answer": "confirm"})
    assert _poll(client).json()["ok"] is True
    _finish(client)
    assert _account().verification_level == VerificationLevel.HIGH
    # A request already answered cannot be answered again.
    assert client.get(waiting["confirm_url"]).status_code == 404


def test_refusing_on_the_demo_phone_leaves_the_account_unverified(client, settings):
    settings.ESIGN_TRUST_DEMO_CA = True
    settings.SIGNATURE_PROVIDERS = ["demo"]
    _to_signature_step(client)
    _send_request(client, provider="demo")
    client.post(client.session["signature_remote"]["confirm_url"], {"answer": "refuse"})
    assert "từ chối" in _poll(client).json()["error"]
    assert client.get(reverse("accounts:register_password")).status_code == 302


def test_without_a_trusted_demo_ca_the_demo_signature_is_refused(client, settings):
    settings.ESIGN_TRUST_DEMO_CA = False
    settings.ESIGN_SIGNER = ""
    settings.SIGNATURE_PROVIDERS = ["demo"]
    _to_signature_step(client)
    _send_request(client, provider="demo")
    client.post(client.session["signature_remote"]["confirm_url"], {"answer": "confirm"})
    assert "tin cậy" in _poll(client).json()["error"]


def test_the_demo_phone_page_does_not_exist_when_the_demo_provider_is_off(client, settings):
    settings.SIGNATURE_PROVIDERS = ["plugin"]
    url = reverse("accounts:signature_demo_phone", args=["anything"])
    assert client.get(url).status_code == 404
    _to_signature_step(client)
    response = _send_request(client, provider="demo")
    assert "không được hỗ trợ" in client.get(response["Location"]).content.decode()


def test_an_enabled_remote_provider_without_its_secret_refuses_to_start(settings):
    from dichvucong.accounts.checks import check_signature_providers

    settings.SIGNATURE_PROVIDERS = ["plugin", "remote"]
    settings.SIGNATURE_REMOTE_URL = "https://ky-so.example.vn/api"
    settings.SIGNATURE_REMOTE_CLIENT_ID = "dvc"
    settings.SIGNATURE_REMOTE_SECRET = ""
    errors = [m for m in check_signature_providers() if m.level >= checks.ERROR]
    assert [m.id for m in errors] == ["accounts.E001"]
    assert "SIGNATURE_REMOTE_SECRET is empty" in errors[0].msg
    with pytest.raises(SystemCheckError, match=r"accounts\.E001"):
        call_command("check")  # what runportal and migrate run before starting
    settings.SIGNATURE_REMOTE_SECRET = "s3cret"
    assert not [m for m in check_signature_providers() if m.level >= checks.ERROR]
    settings.SIGNATURE_PROVIDERS = ["usb-magic"]
    assert [m.id for m in check_signature_providers()] == ["accounts.E002"]


def test_the_demo_provider_refuses_to_start_outside_demo_mode(client, settings):
    from dichvucong.accounts.checks import check_signature_providers

    settings.SIGNATURE_PROVIDERS = ["plugin", "demo"]
    settings.DEMO_MODE = False
    assert "accounts.E003" in [m.id for m in check_signature_providers()]
    # Nor is it offered, should the portal be started anyway.
    _to_signature_step(client, method="usb_token")
    page = client.get(reverse("accounts:register_signature")).content.decode()
    assert "Ký bằng USB ký số" in page and "chứng thư số demo" not in page
