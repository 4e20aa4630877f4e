"""Issue 17.9: SMS texts are written with tone marks; only the SMS layer may fold them."""

import pytest

from dichvucong.accounts.otp import issue_otp
from dichvucong.dossiers.tasks import send_submission_sms
from dichvucong.notifications.models import SmsMessage
from dichvucong.processing.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_submission_sms_keeps_the_tone_marks():
    dossier = make_dossier()
    send_submission_sms.call(dossier.pk)
    text = SmsMessage.objects.get(dossier_id=dossier.pk).text
    assert text.startswith(f"Hồ sơ {dossier.code} ({dossier.procedure.name[:60]}) đã được nộp")


@pytest.mark.parametrize("purpose", ["registration", "password_reset", "phone_change"])
def test_otp_sms_keeps_the_tone_marks(purpose):
    issue_otp(purpose=purpose, phone="+84912345678", ip="127.0.0.1")
    assert SmsMessage.objects.latest("id").text.startswith("Mã OTP")
