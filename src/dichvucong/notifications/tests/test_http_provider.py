import pytest

from dichvucong.notifications.models import SmsMessage, SmsStatus
from dichvucong.notifications.providers import SmsSendError, get_sms_provider
from dichvucong.notifications.services import send_sms
from dichvucong.notifications.tests.fake_gateway import FakeGateway


@pytest.fixture
def gateway(settings):
    with FakeGateway() as gw:
        settings.SMS_PROVIDER = "http"
        settings.SMS_HTTP_URL = gw.url
        settings.SMS_HTTP_USERNAME = "tinh"
        settings.SMS_HTTP_PASSWORD = "bi-mat"
        settings.SMS_BRANDNAME = "DVC.TINH"
        settings.SMS_HTTP_TIMEOUT = 0.2
        yield gw


def test_message_is_posted_as_json_with_brandname_and_credentials(gateway):
    receipt = get_sms_provider().send(phone="+84912345678", text="Xin chao")
    assert receipt.provider_message_id == "gw-1"
    request = gateway.requests[0]
    assert request["auth"] == "tinh:bi-mat"
    assert request["body"]["brandname"] == "DVC.TINH"
    assert request["body"]["phone"] == "84912345678"
    assert request["body"]["message"] == "Xin chao"


@pytest.mark.parametrize(
    ("reply", "retryable"),
    [
        ((200, {"code": "01", "description": "so khong hop le"}), False),
        ((200, {"code": "02", "description": "brandname chua dang ky"}), False),
        ((200, {"code": "99", "description": "he thong ban"}), True),
        ((401, {"code": "401"}), False),
        ((429, {"code": "429"}), True),
        ((503, "Service Unavailable"), True),
        ((200, "<html>oops</html>"), True),
        ("sleep", True),
    ],
)
def test_gateway_errors_and_timeouts_map_to_retryable_or_not(gateway, reply, retryable):
    gateway.reply = reply
    with pytest.raises(SmsSendError) as caught:
        get_sms_provider().send(phone="+84912345678", text="x")
    assert caught.value.retryable is retryable


def test_unreachable_gateway_is_retryable(settings):
    with FakeGateway() as gw:
        url = gw.url
    settings.SMS_PROVIDER, settings.SMS_HTTP_URL = "http", url
    with pytest.raises(SmsSendError) as caught:
        get_sms_provider().send(phone="+84912345678", text="x")
    assert caught.value.retryable


@pytest.mark.django_db
def test_secret_text_is_blanked_once_a_real_gateway_accepted_it(
    gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = send_sms(
            phone="+84912345678", text="Ma OTP 123456", purpose="otp_test", is_secret=True
        )
        plain = send_sms(phone="+84912345678", text="Ho so da tiep nhan", purpose="test")
    message.refresh_from_db()
    plain.refresh_from_db()
    assert message.status == SmsStatus.SENT and message.text == ""
    assert plain.text == "Ho so da tiep nhan"
    assert gateway.requests[0]["body"]["message"] == "Ma OTP 123456"
    assert SmsMessage.objects.filter(provider="http").count() == 2
