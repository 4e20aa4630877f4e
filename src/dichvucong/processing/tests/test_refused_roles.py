"""Every back-office action refuses the roles that may not take it (403, nothing written).

The roles come from accounts.permissions and the status machine's table; the same predicates
decide which buttons the officer page shows (test_allowed_actions.py).
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dichvucong.accounts.services import grant_staff_role
from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.machine import RoleNotAllowed, TransitionError
from dichvucong.processing.models import CounterPayment, DeadlineExtension, TrackingLogExport
from dichvucong.processing.services import (
    add_result_file,
    counter_create_dossier,
    dossier_transition,
    extend_deadline,
    record_counter_payment,
    record_originals_checked,
)
from dichvucong.processing.services.exports import request_tracking_log
from dichvucong.processing.tests.factories import make_dossier, make_officer, make_team

pytestmark = pytest.mark.django_db


def _move(to, **kw):
    def act(dossier, actor, team):
        return dossier_transition(dossier=dossier, to=to, actor=actor, **kw)

    return act


def _forward(dossier, actor, team):
    return dossier_transition(
        dossier=dossier, to=S.PROCESSING, actor=actor, data={"assignee_id": team["specialist"].pk}
    )


def _counter_payment(dossier, actor, team):
    return record_counter_payment(
        dossier=dossier, actor=actor, amount=8000, method="cash", receipt_number="BL-01"
    )


def _originals(dossier, actor, team):
    return record_originals_checked(dossier=dossier, actor=actor)


def _result(dossier, actor, team):
    upload = SimpleUploadedFile("ket-qua.pdf", small_pdf(), content_type="application/pdf")
    return add_result_file(dossier=dossier, actor=actor, upload=upload)


def _apology(dossier, actor, team):
    return extend_deadline(
        dossier=dossier,
        actor=actor,
        new_due_at=dossier.due_at + timedelta(days=3),
        reason="Cần xác minh thêm",
    )


def _intake(dossier, actor, team):
    return counter_create_dossier(
        actor=actor,
        agency=team["agency"],
        procedure=dossier.procedure,
        applicant={"name": "Đặng Văn Quầy"},
    )


def _tracking_log(dossier, actor, team):
    return request_tracking_log(actor=actor, agency_id=team["agency"].pk, start=None, end=None)


OTHERS = ("identity_clerk", "agency_admin", "outsider")
# action: (status of the dossier, the action, roles of the dossier's agency it refuses)
ACTIONS = {
    "receive": (S.NEW, _move(S.RECEIVED), ("specialist", "leader", *OTHERS)),
    "refuse": (S.NEW, _move(S.NOT_RECEIVED, note="Sai thẩm quyền"), ("specialist", *OTHERS)),
    "request_supplement_at_reception": (
        S.NEW,
        _move(S.SUPPLEMENT_REQUESTED, note="Thiếu giấy tờ"),
        ("specialist", "leader", *OTHERS),
    ),
    "forward_and_assign": (S.RECEIVED, _forward, OTHERS),
    "request_supplement_while_processing": (
        S.PROCESSING,
        _move(S.SUPPLEMENT_REQUESTED, note="Thiếu giấy tờ"),
        ("counter", *OTHERS),
    ),
    "stop": (S.PROCESSING, _move(S.STOPPED, note="Hết căn cứ"), ("counter", *OTHERS)),
    "submit_and_approve": (S.PROCESSING, _move(S.DONE), ("counter", "specialist", *OTHERS)),
    "request_fee_in_the_machine": (S.PROCESSING, _move(S.PAYMENT_REQUESTED), ("counter", *OTHERS)),
    "confirm_fee_paid": (S.PAYMENT_REQUESTED, _move(S.PROCESSING), ("specialist", *OTHERS)),
    "hand_over": (S.DONE, _move(S.RETURNED), ("specialist", "leader", *OTHERS)),
    "counter_payment": (S.DONE, _counter_payment, ("specialist", "leader", *OTHERS)),
    "record_originals": (S.DONE, _originals, ("specialist", "leader", *OTHERS)),
    "upload_result": (S.PROCESSING, _result, ("counter", *OTHERS)),
    "apology": (S.PROCESSING, _apology, ("counter", *OTHERS)),
    "counter_intake": (S.NEW, _intake, ("specialist", "leader", *OTHERS)),
    "tracking_log": (S.NEW, _tracking_log, ("identity_clerk", "outsider")),
}
CASES = [
    pytest.param(action, role, id=f"{action}-{role}")
    for action, (_, _, refused) in ACTIONS.items()
    for role in refused
]


@pytest.fixture
def team():
    team = make_team()
    team["identity_clerk"] = make_officer(team["agency"], "identity_clerk")
    team["agency_admin"] = make_officer(team["agency"], "admin")
    # A counter officer of another agency is an outsider here.
    team["outsider"] = make_officer(make_agency(), "counter", "specialist", "leader")
    return team


def _written(dossier) -> tuple:
    dossier.refresh_from_db()
    return (
        dossier.status,
        dossier.events.count(),
        dossier.originals_checked_at,
        dossier.due_at,
        dossier.attachments.count(),
        CounterPayment.objects.count(),
        DeadlineExtension.objects.count(),
        TrackingLogExport.objects.count(),
        type(dossier).objects.count(),
    )


@pytest.mark.parametrize(("action", "role"), CASES)
def test_an_officer_action_refuses_a_role_that_may_not_take_it(team, action, role):
    status, act, _ = ACTIONS[action]
    procedure = make_procedure(agencies=[team["agency"]], online_level=OnlineLevel.PARTIAL)
    dossier = make_dossier(
        agency=team["agency"],
        procedure=procedure,
        status=status,
        due_at=timezone.now() - timedelta(hours=1),
    )
    before = _written(dossier)
    with pytest.raises(TransitionError) as refused:
        act(dossier, team[role], team)
    assert isinstance(refused.value, RoleNotAllowed) and refused.value.status_code == 403
    assert str(refused.value)  # a Vietnamese sentence, shown to the officer
    assert _written(dossier) == before


def test_an_identity_clerk_is_not_an_officer_of_the_agencys_dossiers(client, team):
    dossier = make_dossier(agency=team["agency"])
    client.force_login(team["identity_clerk"])
    # The officer home sends the clerk to the identity checks; dossiers stay closed.
    assert client.get("/can-bo/")["Location"] == "/can-bo/xac-minh/"
    assert client.get(f"/can-bo/ho-so/{dossier.pk}/").status_code == 403
    grant_staff_role(user=team["identity_clerk"], agency=team["agency"], role="counter")
    assert client.get(f"/can-bo/ho-so/{dossier.pk}/").status_code == 200
