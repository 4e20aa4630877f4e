import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dichvucong.notifications.models import MessageTemplate
from dichvucong.notifications.services import send_sms

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("quantri", password="Quan-tri-2026!")
    client.force_login(admin)
    return client


def test_message_templates_are_editable_in_the_admin(admin_client):
    template = MessageTemplate.objects.get(code="otp-registration")
    url = reverse("admin:notifications_messagetemplate_change", args=[template.pk])
    response = admin_client.post(
        url,
        {
            "code": template.code,
            "channel": "sms",
            "body": "Ma cua ban: {ma}",
            "subject": "",
            "description": template.description,
        },
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.body == "Ma cua ban: {ma}"


def test_sms_log_in_the_admin_masks_the_phone_and_hides_the_text(admin_client):
    message = send_sms(
        phone="+84912345678", text="Ma OTP 987654", purpose="otp_registration", is_secret=True
    )
    html = admin_client.get(
        reverse("admin:notifications_smsmessage_change", args=[message.pk])
    ).content.decode()
    assert "+849*****678" in html
    assert "987654" not in html and "+84912345678" not in html
