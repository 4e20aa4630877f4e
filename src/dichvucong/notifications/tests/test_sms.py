import pytest

from dichvucong.notifications.models import MessageChannel, MessageTemplate, SmsMessage, SmsStatus
from dichvucong.notifications.providers import SmsProvider, SmsSendError
from dichvucong.notifications.services import render_template, send_sms

pytestmark = pytest.mark.django_db


def test_sms_is_sent_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = send_sms(phone="+84912345678", text="Mã hồ sơ của bạn", purpose="test")
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert message.provider == "demo"
    assert message.attempts == 1


class _FlakyProvider(SmsProvider):
    id = "flaky"
    failures = 2

    def send(self, *, phone, text):
        if _FlakyProvider.failures:
            _FlakyProvider.failures -= 1
            raise SmsSendError("gateway timeout")
        from dichvucong.notifications.providers import SmsReceipt

        return SmsReceipt(provider_message_id="ok-1")


def test_failed_sms_is_retried_until_the_gateway_accepts(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(
        "dichvucong.notifications.services.get_sms_provider", lambda: _FlakyProvider()
    )
    _FlakyProvider.failures = 2
    with django_capture_on_commit_callbacks(execute=True):
        message = send_sms(phone="+84912345678", text="Xin chào", purpose="test")
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert message.attempts == 3
    assert message.provider_message_id == "ok-1"


def test_permanent_failure_is_not_retried(monkeypatch, django_capture_on_commit_callbacks):
    class Refusing(SmsProvider):
        id = "refusing"

        def send(self, *, phone, text):
            raise SmsSendError("số điện thoại không hợp lệ", retryable=False)

    monkeypatch.setattr("dichvucong.notifications.services.get_sms_provider", Refusing)
    with django_capture_on_commit_callbacks(execute=True):
        message = send_sms(phone="+84900000000", text="x", purpose="test")
    message.refresh_from_db()
    assert message.status == SmsStatus.FAILED
    assert message.attempts == 1
    assert "không hợp lệ" in message.last_error


def test_templates_fill_placeholders_and_an_unknown_one_sends_the_default_text(caplog):
    MessageTemplate.objects.create(
        code="ho-so-tiep-nhan",
        channel=MessageChannel.SMS,
        body="Ho so {ma_ho_so} da duoc tiep nhan",
    )
    text = render_template("ho-so-tiep-nhan", {"ma_ho_so": "000.00.06.H56-261125-0007"})
    assert text == "Ho so 000.00.06.H56-261125-0007 da duoc tiep nhan"
    assert render_template("khong-co", {"a": 1}, default="Mặc định {a}") == "Mặc định 1"
    MessageTemplate.objects.filter(code="ho-so-tiep-nhan").update(body="Ho so {code} {khac}")
    text = render_template("ho-so-tiep-nhan", {"ma_ho_so": "X"}, default="Hồ sơ {ma_ho_so}")
    assert text == "Hồ sơ X"
    assert "ho-so-tiep-nhan" in caplog.text


def test_masked_phone_hides_middle_digits():
    assert SmsMessage(phone="+84912345678").masked_phone == "+849*****678"
