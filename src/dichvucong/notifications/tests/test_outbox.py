import pytest
from django.core.management import call_command
from django.urls import reverse

from dichvucong.notifications.services import send_sms

pytestmark = pytest.mark.django_db


def test_demo_outbox_shows_messages_in_demo_mode(client, settings):
    settings.DEMO_MODE = True
    send_sms(phone="+84912345678", text="Ma OTP 654321", purpose="otp_registration", is_secret=True)
    html = client.get(reverse("notifications:demo_outbox")).content.decode()
    assert "654321" in html and "+84912345678" in html


def test_demo_outbox_is_a_404_outside_demo_mode(client, settings):
    settings.DEMO_MODE = False
    send_sms(phone="+84912345678", text="Ma OTP 654321", purpose="otp_registration")
    response = client.get(reverse("notifications:demo_outbox"))
    assert response.status_code == 404
    assert "654321" not in response.content.decode()


def test_demo_outbox_is_a_404_with_a_real_gateway(client, settings):
    settings.DEMO_MODE, settings.SMS_PROVIDER = True, "http"
    assert client.get(reverse("notifications:demo_outbox")).status_code == 404


def test_sms_outbox_command_prints_recent_messages(capsys):
    send_sms(phone="+84912345678", text="Ma OTP 111222", purpose="otp_registration")
    send_sms(phone="+84987654321", text="Khac", purpose="test")
    call_command("sms_outbox", "--phone", "+84912345678")
    out = capsys.readouterr().out
    assert "111222" in out and "Khac" not in out


def test_demo_outbox_shows_what_the_phone_receives(client, settings):
    settings.DEMO_MODE, settings.SMS_FOLD_TONE_MARKS = True, True
    send_sms(phone="+84912345678", text="Hồ sơ đã có kết quả " * 12, purpose="dossier_returned")
    html = client.get(reverse("notifications:demo_outbox")).content.decode()
    sent = html.split('class="sms-sent">', 1)[1].split("</span>", 1)[0]
    assert sent.startswith("Ho so da co ket qua") and sent.endswith("...") and len(sent) <= 160
