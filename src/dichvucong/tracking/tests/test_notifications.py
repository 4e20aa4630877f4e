import pytest
from django.core import mail
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import DossierStatus
from dichvucong.notifications.models import MessageTemplate, SmsMessage
from dichvucong.notifications.sms_text import sms_units
from dichvucong.tracking.models import Notification
from dichvucong.tracking.notify import notify_status_change
from dichvucong.tracking.services import notify_citizen
from dichvucong.tracking.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_header_shows_the_unread_count_and_the_list_marks_read(client):
    user = make_citizen()
    for i in range(3):
        notify_citizen(user=user, title=f"Thông báo {i}", body="Nội dung", link="/ho-so-cua-toi/")
    notify_citizen(user=make_citizen(), title="Của người khác")
    client.force_login(user)
    page = client.get("/thong-bao/").content.decode()
    assert '<span class="badge-count"' in page and ">3</span>" in page
    assert "Thông báo 2" in page and "Của người khác" not in page
    first = Notification.objects.filter(user=user).first()
    response = client.post(reverse("tracking:notification_open", kwargs={"pk": first.pk}))
    assert response["Location"] == "/ho-so-cua-toi/"
    assert ">2</span>" in client.get("/thong-bao/").content.decode()
    client.post(reverse("tracking:notifications_read_all"))
    assert "badge-count" not in client.get("/thong-bao/").content.decode()


def test_another_users_notification_is_404_and_outside_links_are_not_followed(client):
    user = make_citizen()
    theirs = notify_citizen(user=make_citizen(), title="x")
    odd = notify_citizen(user=user, title="y", link="https://evil.example/")
    client.force_login(user)
    assert client.post(reverse("tracking:notification_open", kwargs={"pk": theirs.pk})
                       ).status_code == 404
    response = client.post(reverse("tracking:notification_open", kwargs={"pk": odd.pk}))
    assert response["Location"] == reverse("tracking:notifications")


def test_status_change_sends_in_app_folded_one_part_sms_and_email(
        django_capture_on_commit_callbacks, settings):
    settings.SMS_FOLD_TONE_MARKS = True
    d = make_dossier(status=DossierStatus.SUPPLEMENT_REQUESTED, applicant_email="dan@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        notify_status_change(dossier=d, note="Thiếu bản sao giấy khai sinh")
    note = Notification.objects.get(user=d.applicant)
    assert d.code in note.title and "Yêu cầu bổ sung giấy tờ" in note.title
    assert "Thiếu bản sao giấy khai sinh" in note.body
    assert note.link == f"/ho-so-cua-toi/{d.code}/"
    sms = SmsMessage.objects.get(dossier_id=d.pk)
    assert sms.text.startswith(f"Ho so {d.code} can bo sung giay to")
    assert sms_units(sms.text) <= 160
    assert len(mail.outbox) == 1 and d.code in mail.outbox[0].subject


def test_templates_edited_in_the_admin_are_used(django_capture_on_commit_callbacks):
    d = make_dossier(status=DossierStatus.DONE)
    MessageTemplate.objects.filter(code="dossier_status_9", channel="sms").update(
        body="Kết quả hồ sơ {ma_ho_so} đã có, hẹn {han_tra}.")
    with django_capture_on_commit_callbacks(execute=True):
        notify_status_change(dossier=d)
    sms = SmsMessage.objects.get(dossier_id=d.pk)
    assert sms.text.startswith(f"Ket qua ho so {d.code} da co, hen ")


def test_no_in_app_row_for_a_dossier_without_account():
    d = make_dossier(applicant=False, status=DossierStatus.RECEIVED)
    notify_status_change(dossier=d)
    assert not Notification.objects.exists()
    assert SmsMessage.objects.filter(dossier_id=d.pk).exists()
