"""The fee a dossier owes: quoted on the review step, snapshotted when it is submitted, and
fee_state as the one answer to "what does it owe and is it settled"."""

import uuid

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import Fee
from dichvucong.dossiers.fees import fee_settle, fee_state
from dichvucong.dossiers.models import Dossier, SettlementKind
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    upload,
)

pytestmark = pytest.mark.django_db


def _fee_procedure():
    """A procedure charged like the demo's hộ kinh doanh and khai sinh copies together."""
    procedure, doc, _ = procedure_with_documents()
    Fee.objects.create(
        procedure=procedure, order=1, name="Lệ phí (trực tiếp)", amount=50000, channel="counter"
    )
    Fee.objects.create(
        procedure=procedure, order=2, name="Lệ phí (trực tuyến)", amount=150000, channel="online"
    )
    Fee.objects.create(
        procedure=procedure,
        order=3,
        name="Phí cấp bản sao (nếu có yêu cầu)",
        amount=8000,
        unit="copy",
        quantity_field="copies",
        is_optional=True,
    )
    return procedure, doc


def _submit(procedure, doc, data=ANSWERS):
    return dossier_submit(
        applicant=make_citizen(),
        procedure=procedure,
        data=data,
        files=[(doc, upload("to-khai.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )


def test_online_submission_snapshots_the_online_rows_and_the_copies():
    procedure, doc = _fee_procedure()
    dossier = Dossier.objects.get(pk=_submit(procedure, doc).pk)
    assert dossier.fee_total == 150000 + 2 * 8000
    assert [(line["name"], line["quantity"], line["amount"]) for line in dossier.fee_lines] == [
        ("Lệ phí (trực tuyến)", 1, 150000),
        ("Phí cấp bản sao (nếu có yêu cầu)", 2, 16000),
    ]
    # The snapshot, not the catalog, is what the dossier owes afterwards.
    procedure.fees.update(amount=999000)
    assert fee_state(dossier).outstanding == 166000


def test_fee_state_reads_the_ledger_and_nothing_else():
    procedure, doc = _fee_procedure()
    dossier = _submit(procedure, doc)
    assert fee_state(dossier).state == "due" and not fee_state(dossier).is_settled
    fee_settle(dossier=dossier, kind=SettlementKind.COUNTER, amount=100000, reference="BL-1")
    assert fee_state(dossier).outstanding == 66000 and not fee_state(dossier).is_settled
    fee_settle(dossier=dossier, kind=SettlementKind.COUNTER, amount=100000, reference="BL-1")
    assert fee_state(dossier).paid == 100000  # the same receipt is recorded once
    fee_settle(
        dossier=dossier, kind=SettlementKind.EXEMPTION, amount=66000, reference="x", note="Hộ nghèo"
    )
    state = fee_state(dossier)
    assert state.state == "exempt" and state.is_settled and state.exemption_note == "Hộ nghèo"


def test_review_step_shows_the_lines_and_total_before_submission(client):
    procedure, _doc = _fee_procedure()
    citizen = make_citizen()
    client.force_login(citizen)
    agency = procedure.agencies.first()
    start = client.post(reverse("dossiers:start", args=[procedure.code]), {"agency": agency.pk})
    draft = Dossier.objects.get(pk=int(start.url.rstrip("/").split("/")[-2]))
    Dossier.objects.filter(pk=draft.pk).update(form_data=dict(ANSWERS, copies=3))
    page = client.get(reverse("dossiers:draft_review", args=[draft.pk])).content.decode()
    assert "Phí, lệ phí phải nộp" in page
    assert "Lệ phí (trực tuyến)" in page and "Lệ phí (trực tiếp)" not in page
    assert "174.000 đồng" in page  # 150.000 + 3 × 8.000


def test_review_step_says_no_fee_when_nothing_is_charged(client):
    procedure, _doc, _ = procedure_with_documents()
    client.force_login(make_citizen())
    agency = procedure.agencies.first()
    start = client.post(reverse("dossiers:start", args=[procedure.code]), {"agency": agency.pk})
    draft_id = int(start.url.rstrip("/").split("/")[-2])
    page = client.get(reverse("dossiers:draft_review", args=[draft_id])).content.decode()
    assert "Không thu phí" in page
