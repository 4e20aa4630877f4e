"""A partly online dossier with a fee is handed over only once fee_state says it is settled."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import Fee, OnlineLevel
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    small_pdf,
    upload,
)
from dichvucong.payments.providers.demo import DemoPaymentProvider
from dichvucong.payments.services import payment_confirm_from_ipn, payment_request_by_officer
from dichvucong.payments.services_fees import fee_exempt
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.services import (
    add_result_file,
    approval_step,
    dossier_transition,
    record_originals_checked,
)
from dichvucong.processing.tests.factories import make_team

pytestmark = pytest.mark.django_db


def _submitted_partly_online(team):
    procedure, doc, _ = procedure_with_documents(
        agencies=[team["agency"]], online_level=OnlineLevel.PARTIAL
    )
    Fee.objects.create(procedure=procedure, name="Lệ phí", amount=50000)
    dossier = dossier_submit(
        applicant=make_citizen(),
        procedure=procedure,
        data=ANSWERS,
        files=[(doc, upload("to-khai.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )
    dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    return dossier_transition(
        dossier=dossier,
        to=S.PROCESSING,
        actor=team["counter"],
        data={"assignee_id": team["specialist"].pk},
    )


def _finish(team, dossier):
    add_result_file(
        dossier=dossier, actor=team["specialist"], upload=SimpleUploadedFile("kq.pdf", small_pdf())
    )
    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier = dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    return record_originals_checked(dossier=dossier, actor=team["counter"])


def test_unpaid_online_dossier_is_not_handed_over_until_the_fee_is_waived():
    team = make_team()
    dossier = _finish(team, _submitted_partly_online(team))
    with pytest.raises(TransitionError, match="Cần thu đủ phí, lệ phí"):
        dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    fee_exempt(dossier=dossier, actor=team["leader"], reason="Hộ nghèo theo danh sách của xã")
    dossier = dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    assert dossier.status == S.RETURNED


def test_fee_paid_online_lets_the_counter_hand_over():
    team = make_team()
    dossier = _submitted_partly_online(team)
    payment = payment_request_by_officer(dossier=dossier, amount=50000, actor=team["specialist"])
    payment_confirm_from_ipn(
        provider_id="demo",
        source="demo",
        notice=DemoPaymentProvider().notice(payment=_started(payment), success=True),
    )
    dossier.refresh_from_db()
    assert dossier.status == S.PROCESSING
    dossier = _finish(team, dossier)
    dossier = dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    assert dossier.status == S.RETURNED


def _started(payment):
    from dichvucong.payments.services import payment_start

    payment_start(payment=payment, provider_id="demo", return_url="", ipn_url="")
    return payment.dossier.payments.get(status="pending")
