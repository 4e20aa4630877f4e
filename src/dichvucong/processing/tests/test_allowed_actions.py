"""allowed_actions: the pages show exactly the actions the services would accept."""

import pytest
from django.urls import reverse

from dichvucong.catalog.models import Fee, OnlineLevel
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.allowed import allowed_actions
from dichvucong.processing.machine import TRANSITIONS
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_officer, make_team, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    team = make_team()
    team["identity_clerk"] = make_officer(team["agency"], "identity_clerk")
    return team


EXPECTED = {
    (S.NEW, "counter"): {"receive", "refuse", "request_supplement"},
    (S.NEW, "specialist"): set(),
    (S.RECEIVED, "counter"): {"start_processing", "request_supplement"},
    (S.PROCESSING, "counter"): set(),
    (S.PROCESSING, "specialist"): {
        "request_supplement",
        "request_payment",
        "stop",
        "upload_result",
        "submit_for_approval",
    },
    # The leader approves only what the specialist submitted (test_approval.py).
    (S.PROCESSING, "leader"): {
        "request_supplement",
        "request_payment",
        "stop",
        "upload_result",
    },
    (S.PAYMENT_REQUESTED, "counter"): {"payment_paid"},
    (S.DONE, "counter"): {"return_result", "record_originals"},  # no fee: nothing to collect
    (S.DONE, "leader"): set(),
    (S.DONE, "identity_clerk"): set(),
}


@pytest.mark.parametrize(("status", "role"), list(EXPECTED))
def test_each_role_is_offered_the_actions_it_may_take(team, status, role):
    procedure = make_procedure(agencies=[team["agency"]], online_level=OnlineLevel.PARTIAL)
    dossier = make_dossier(agency=team["agency"], procedure=procedure, status=status)
    assert set(allowed_actions(team[role], dossier).names) == EXPECTED[(status, role)]


def test_the_applicant_is_offered_withdrawal_supplement_and_payment_from_the_table(team):
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    dossier = dossier_transition(
        dossier=dossier, to=S.PAYMENT_REQUESTED, actor=team["specialist"], data={"amount": 50000}
    )
    actions = allowed_actions(dossier.applicant, dossier)
    assert "pay" in actions and "withdraw" in actions and not actions.transitions
    dossier.status = S.DONE
    assert not allowed_actions(dossier.applicant, dossier)
    withdrawable = {t.source for t in TRANSITIONS if t.action == "withdraw"}
    for status in S:
        dossier.status = status
        assert ("withdraw" in allowed_actions(dossier.applicant, dossier)) == (
            status in withdrawable
        )


def test_the_officer_page_shows_the_counter_checks_only_to_the_counter(client, team):
    procedure = make_procedure(agencies=[team["agency"]], online_level=OnlineLevel.PARTIAL)
    Fee.objects.create(procedure=procedure, name="Lệ phí", amount=50000)
    dossier = make_dossier(agency=team["agency"], procedure=procedure, status=S.DONE)
    url = reverse("processing:dossier", args=[dossier.pk])
    client.force_login(team["counter"])
    page = client.get(url).content.decode()
    assert reverse("processing:originals", args=[dossier.pk]) in page
    assert reverse("processing:counter_payment", args=[dossier.pk]) in page
    assert 'data-action="return_result"' in page
    client.force_login(team["leader"])
    page = client.get(url).content.decode()
    assert reverse("processing:originals", args=[dossier.pk]) not in page
    assert 'data-action="return_result"' not in page


def test_the_citizen_page_offers_payment_only_when_asked_to_pay(client, team):
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    client.force_login(dossier.applicant)
    url = reverse("tracking:my_dossier", kwargs={"ref": dossier.code})
    page = client.get(url).content.decode()
    assert 'id="payment"' not in page and 'id="withdraw"' in page
    dossier_transition(
        dossier=dossier, to=S.PAYMENT_REQUESTED, actor=team["specialist"], data={"amount": 50000}
    )
    page = client.get(url).content.decode()
    assert 'id="payment"' in page
    walk_to(dossier, S.DONE)  # paid at the counter, result uploaded, approved
    page = client.get(url).content.decode()
    assert 'id="payment"' not in page and 'id="withdraw"' not in page


def test_the_machine_and_the_named_predicates_agree_on_every_staff_move():
    from types import SimpleNamespace

    from dichvucong.accounts import permissions as p
    from dichvucong.accounts.models import StaffRoleKind

    predicate = {
        (S.NEW, "receive"): p.may_receive,
        (S.NEW, "refuse"): p.may_receive,
        (S.NEW, "request_supplement"): p.may_receive,
        (S.RECEIVED, "start_processing"): p.may_forward,
        (S.RECEIVED, "request_supplement"): p.may_forward,
        (S.PROCESSING, "request_supplement"): p.may_process,
        (S.PROCESSING, "stop"): p.may_process,
        (S.PROCESSING, "approve"): p.may_approve,
        (S.PROCESSING, "request_payment"): p.may_request_fee,
        (S.PAYMENT_REQUESTED, "payment_paid"): p.may_collect_fee,
        (S.DONE, "return_result"): p.may_hand_over,
    }
    staff_moves = {(t.source, t.action): t for t in TRANSITIONS if t.roles - {"applicant"}}
    assert set(staff_moves) == set(predicate)
    for key, move in staff_moves.items():
        for role in StaffRoleKind.values:
            user = SimpleNamespace(is_authenticated=True, pk=1, _staff_role_map={7: {role}})
            assert (role in move.roles) == predicate[key](user, SimpleNamespace(agency_id=7)), (
                key,
                role,
            )
