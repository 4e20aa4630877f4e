import pytest
from django.core.cache import cache
from django.db import connection, connections

from dichvucong.accounts import otp
from dichvucong.accounts.tests.conftest import latest_otp
from dichvucong.accounts.tests.helpers import together
from dichvucong.notifications.models import MessageTemplate, SmsMessage

pytestmark = pytest.mark.django_db
PHONE = "+84912345678"


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(otp, "_now", lambda: now[0])
    return now


def test_code_is_six_digits_and_only_its_hash_is_stored(clock):
    otp.issue_otp(purpose="registration", phone=PHONE, ip="10.0.0.1")
    code = latest_otp(PHONE)
    assert len(code) == 6 and code.isdigit()
    state = cache.get(f"otp:registration:{PHONE}")
    assert code not in repr(state)
    assert SmsMessage.objects.get().is_secret


def test_right_code_is_accepted_once(clock):
    otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    code = latest_otp(PHONE)
    otp.verify_otp(purpose="registration", phone=PHONE, code=code)
    with pytest.raises(otp.OtpError):
        otp.verify_otp(purpose="registration", phone=PHONE, code=code)


def test_code_expires_after_five_minutes(clock):
    otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    clock[0] += 5 * 60 + 1
    with pytest.raises(otp.OtpError, match="hết hạn"):
        otp.verify_otp(purpose="registration", phone=PHONE, code=latest_otp(PHONE))


def test_five_wrong_tries_kill_the_code(clock):
    otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    code = latest_otp(PHONE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(otp.OtpError, match=f"còn {left} lần"):
            otp.verify_otp(purpose="registration", phone=PHONE, code=wrong)
    with pytest.raises(otp.OtpError, match="quá 5 lần"):
        otp.verify_otp(purpose="registration", phone=PHONE, code=wrong)
    with pytest.raises(otp.OtpError):
        otp.verify_otp(purpose="registration", phone=PHONE, code=code)


def test_resend_only_after_sixty_seconds(clock):
    otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    clock[0] += 30
    with pytest.raises(otp.OtpError, match="30 giây"):
        otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    clock[0] += 30
    otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    assert SmsMessage.objects.count() == 2


def test_hourly_cap_per_phone(clock):
    for _ in range(otp.PHONE_HOURLY_CAP):
        otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
        clock[0] += 61
    with pytest.raises(otp.OtpError, match="quá nhiều"):
        otp.issue_otp(purpose="registration", phone=PHONE, ip=None)


def test_hourly_cap_per_address_across_phones(clock):
    for n in range(otp.IP_HOURLY_CAP):
        otp.issue_otp(purpose="registration", phone=f"+849123{n:05d}", ip="10.9.9.9")
    with pytest.raises(otp.OtpError, match="quá nhiều"):
        otp.issue_otp(purpose="registration", phone="+84987000000", ip="10.9.9.9")
    otp.issue_otp(purpose="registration", phone="+84987000000", ip="10.9.9.10")


def test_codes_are_not_logged(clock, caplog):
    caplog.set_level("DEBUG")
    otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    assert latest_otp(PHONE) not in caplog.text


def test_otp_page_resend_is_refused_within_a_minute(client):
    from django.urls import reverse

    from dichvucong.accounts.tests.helpers import citizen_details, start, submit_details

    start(client)
    submit_details(client, citizen_details())
    response = client.post(reverse("accounts:register_otp"), {"resend": "1"})
    assert response.status_code == 429
    assert "Vui lòng chờ" in response.content.decode()


def test_brute_force_on_the_otp_page_is_stopped(client):
    from django.urls import reverse

    from dichvucong.accounts.tests.helpers import citizen_details, start, submit_details

    start(client)
    submit_details(client, citizen_details())
    code = latest_otp("+84987654321")
    wrong = f"{(int(code) + 7) % 1_000_000:06d}"
    for _ in range(5):
        client.post(reverse("accounts:register_otp"), {"code": wrong})
    response = client.post(reverse("accounts:register_otp"), {"code": code})
    assert response.status_code == 400
    assert "không còn hiệu lực" in response.content.decode()
    assert not client.session["registration"].get("phone_verified")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
)
def test_wrong_codes_sent_together_all_count_as_tries(clock):
    otp.issue_otp(purpose="registration", phone=PHONE, ip=None)
    code = latest_otp(PHONE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    refused = []

    def attempt():
        try:
            otp.verify_otp(purpose="registration", phone=PHONE, code=wrong)
        except otp.OtpError:
            refused.append(1)
        finally:
            connections.close_all()

    together(otp.MAX_TRIES * 2, attempt)
    assert len(refused) == otp.MAX_TRIES * 2
    with pytest.raises(otp.OtpError, match="không còn hiệu lực"):
        otp.verify_otp(purpose="registration", phone=PHONE, code=code)


def test_otp_templates_are_seeded_and_editable(client, django_capture_on_commit_callbacks):
    template = MessageTemplate.objects.get(code="otp-registration", channel="sms")
    assert "{ma}" in template.body
    template.body = "DVC: ma {ma}"
    template.save()
    otp.issue_otp(purpose="registration", phone="+84912345670", ip=None)
    assert SmsMessage.objects.get().text.startswith("DVC: ma ")
