"""Background tasks run again after a worker died: nothing is sent or stored twice."""

import pytest

from dichvucong.dossiers.models import Attachment, AttachmentKind, DossierEvent
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tasks import generate_receipt, send_submission_sms
from dichvucong.notifications.models import SmsMessage
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.tasks import notify_task, render_slip_task
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def test_a_second_run_of_an_event_notice_sends_no_second_sms(django_capture_on_commit_callbacks):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    event = DossierEvent.objects.filter(dossier=dossier, to_status=S.RECEIVED).get()

    notify_task.call(dossier.pk, "received", event.pk)
    render_slip_task.call(dossier.pk, "01", event.pk)

    assert SmsMessage.objects.filter(dossier_id=dossier.pk).count() == 1
    slips = Attachment.objects.filter(dossier=dossier, kind=AttachmentKind.SLIP)
    assert slips.filter(original_name__startswith="01-").count() == 1


def test_a_second_run_of_the_submission_tasks_sends_and_stores_once():
    dossier = make_dossier()

    for _ in range(2):
        send_submission_sms.call(dossier.pk)
        generate_receipt.call(dossier.pk)

    assert SmsMessage.objects.filter(dossier_id=dossier.pk).count() == 1
    receipts = Attachment.objects.filter(dossier=dossier, original_name__startswith="giay-tiep")
    assert receipts.count() == 1
