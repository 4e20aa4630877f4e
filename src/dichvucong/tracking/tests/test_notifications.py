import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import DossierStatus
from dichvucong.notifications.models import MessageTemplate
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
    assert (
        client.post(reverse("tracking:notification_open", kwargs={"pk": theirs.pk})).status_code
        == 404
    )
    response = client.post(reverse("tracking:notification_open", kwargs={"pk": odd.pk}))
    assert response["Location"] == reverse("tracking:notifications")


def test_each_public_status_event_adds_an_in_app_notice(django_capture_on_commit_callbacks):
    from dichvucong.processing.services import dossier_transition
    from dichvucong.processing.tests.factories import make_team

    team = make_team()
    d = make_dossier(status=DossierStatus.RECEIVED, agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier=d,
            to=DossierStatus.SUPPLEMENT_REQUESTED,
            actor=team["counter"],
            note="Thiếu bản sao giấy khai sinh",
        )
    note = Notification.objects.get(user=d.applicant)
    assert d.code in note.title and "Yêu cầu bổ sung giấy tờ" in note.title
    assert "Thiếu bản sao giấy khai sinh" in note.body
    assert note.link == f"/ho-so-cua-toi/{d.code}/"


def test_a_failing_listener_of_the_status_signal_does_not_stop_the_notice(
    django_capture_on_commit_callbacks,
):
    from dichvucong.processing.services import dossier_transition
    from dichvucong.processing.signals import dossier_event_committed
    from dichvucong.processing.tests.factories import make_team

    def broken(sender, **kwargs):
        raise RuntimeError("a listener that fails")

    team = make_team()
    d = make_dossier(status=DossierStatus.NEW, agency=team["agency"])
    dossier_event_committed.connect(broken, dispatch_uid="test.broken")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            dossier_transition(dossier=d, to=DossierStatus.RECEIVED, actor=team["counter"])
    finally:
        dossier_event_committed.disconnect(dispatch_uid="test.broken")
    assert "Được tiếp nhận" in Notification.objects.get(user=d.applicant).title


def test_internal_transitions_add_no_in_app_notice(django_capture_on_commit_callbacks):
    from dichvucong.processing.services import dossier_transition
    from dichvucong.processing.tests.factories import make_team

    team = make_team()
    d = make_dossier(status=DossierStatus.RECEIVED, agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier=d,
            to=DossierStatus.PROCESSING,
            actor=team["specialist"],
            note="Giao cho chuyên viên",
            is_public=False,
        )
    assert not Notification.objects.exists()


def test_in_app_templates_edited_in_the_admin_are_used():
    d = make_dossier(status=DossierStatus.DONE)
    MessageTemplate.objects.filter(code="dossier_status_9", channel="in_app").update(
        body="Đã có kết quả hồ sơ {ma_ho_so}, hẹn {han_tra}."
    )
    note = notify_status_change(dossier=d)
    assert note.body.startswith(f"Đã có kết quả hồ sơ {d.code}, hẹn ")


def test_no_in_app_row_for_a_dossier_without_account():
    d = make_dossier(applicant=False, status=DossierStatus.RECEIVED)
    assert notify_status_change(dossier=d) is None
    assert not Notification.objects.exists()


def test_sms_reaches_the_gateway_folded_and_in_one_part(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    from dichvucong.notifications.providers.demo import DemoSmsProvider
    from dichvucong.notifications.services import send_sms

    settings.SMS_FOLD_TONE_MARKS = True
    sent = []
    original = DemoSmsProvider.send
    monkeypatch.setattr(
        DemoSmsProvider,
        "send",
        lambda self, *, phone, text: sent.append(text) or original(self, phone=phone, text=text),
    )
    long_text = "Hồ sơ 000.00.06.H56-261125-0007 đã được tiếp nhận. " * 6
    with django_capture_on_commit_callbacks(execute=True):
        message = send_sms(phone="+84912345678", text=long_text, purpose="test")
    assert sent and sent[0].startswith("Ho so 000.00.06.H56-261125-0007 da duoc tiep nhan.")
    assert sms_units(sent[0]) <= 160
    message.refresh_from_db()
    assert message.text == long_text  # the log keeps what was written
