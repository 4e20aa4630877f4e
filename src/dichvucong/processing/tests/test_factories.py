"""The dossier factories reach each lifecycle state the way production does."""

import pytest

from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.models import AttachmentKind, Channel
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.tests.factories import FEE, ProcessingDossierFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("trait", "status"),
    [
        ("draft", S.DRAFT),
        ("submitted", S.NEW),
        ("received", S.RECEIVED),
        ("in_processing", S.PROCESSING),
        ("supplement_requested", S.SUPPLEMENT_REQUESTED),
        ("payment_requested", S.PAYMENT_REQUESTED),
        ("done", S.DONE),
        ("returned", S.RETURNED),
        ("refused", S.NOT_RECEIVED),
        ("stopped", S.STOPPED),
        ("withdrawn", S.WITHDRAWN),
    ],
)
def test_each_trait_reaches_its_status_with_the_history_of_the_way(trait, status):
    dossier = ProcessingDossierFactory(**{trait: True})
    assert dossier.status == status
    steps = list(dossier.events.exclude(to_status=None).values_list("to_status", flat=True))
    if status == S.DRAFT:
        assert dossier.code is None and steps == []
        return
    assert steps[0] == S.NEW and steps[-1] == status
    assert dossier.code.startswith(dossier.agency.code)
    assert dossier.applicant.full_name.lower().split()[0][:3] in dossier.search_text


def test_done_has_an_uploaded_result_and_returned_settled_the_fee_at_the_counter():
    done = ProcessingDossierFactory(done=True, with_fee=True)
    assert done.attachments.filter(kind=AttachmentKind.RESULT).count() == 1
    assert fee_state(done).outstanding == FEE and not fee_state(done).is_settled
    returned = ProcessingDossierFactory(returned=True, with_fee=True)
    assert fee_state(returned).state == "paid" and returned.returned_at is not None


def test_payment_requested_owes_the_snapshot_and_from_counter_is_received_at_once():
    asked = ProcessingDossierFactory(payment_requested=True, with_fee=True)
    assert (asked.fee_total, fee_state(asked).outstanding) == (FEE, FEE)
    walk_in = ProcessingDossierFactory(from_counter=True)
    assert (walk_in.channel, walk_in.status, walk_in.applicant) == (
        Channel.COUNTER,
        S.RECEIVED,
        None,
    )
    assert walk_in.received_by is not None and walk_in.due_at is not None
