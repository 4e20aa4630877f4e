"""Issue 17.2: every slip (01–07) and receipt is dated in the province's time zone; a dossier
received at 05:51 local time on 02/12 is dated 02/12 (UTC is still 01/12 then)."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.receipts import render_receipt
from dichvucong.notifications.models import SmsMessage
from dichvucong.payments.models import Payment, PaymentPurpose, PaymentStatus
from dichvucong.payments.receipts import render_receipt as render_fee_receipt
from dichvucong.processing.services import dossier_transition, extend_deadline
from dichvucong.processing.slips import SLIPS, tracking
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db
MOMENT = "2026-12-02 05:51 +07:00"


def _text(pdf: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _assert_dated_02(text: str) -> None:
    assert "ngày 02 tháng 12 năm 2026" in text or "02/12/2026" in text, text[:400]
    assert "ngày 01 tháng 12" not in text and "01/12/2026" not in text, text[:400]


@time_machine.travel(MOMENT, tick=False)
def test_every_slip_and_receipt_at_dawn_is_dated_the_local_day(
    django_capture_on_commit_callbacks,
):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    dossier.refresh_from_db()
    event = dossier.events.latest("id")
    dossier.due_at = timezone.now() + timedelta(hours=1)
    dossier.status = S.PROCESSING
    dossier.save()
    extend_deadline(
        dossier=dossier,
        actor=team["leader"],
        new_due_at=timezone.now() + timedelta(hours=2),
        reason="Chờ xác minh",
    )
    for module in SLIPS.values():
        _assert_dated_02(_text(module.build(dossier, event)))
    _assert_dated_02(_text(render_receipt(dossier)))
    today = timezone.localdate()
    log = tracking.build_log(agency=team["agency"], start=today, end=today, dossiers=[dossier])
    _assert_dated_02(_text(log))
    payment = Payment.objects.create(
        dossier=dossier,
        purpose=PaymentPurpose.SUBMISSION,
        provider="demo",
        order_ref="DEMO-0551",
        amount=1000,
        status=PaymentStatus.PAID,
        description="Lệ phí",
        paid_at=timezone.now(),
    )
    _assert_dated_02(_text(render_fee_receipt(payment)))
    for sms in SmsMessage.objects.filter(dossier_id=dossier.pk):
        assert "01/12" not in sms.text
