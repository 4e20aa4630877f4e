"""The fee actions refuse the roles that may not take them, in the service and on the page."""

import pytest
from django.urls import reverse

from dichvucong.accounts.services import grant_staff_role
from dichvucong.accounts.tests.factories import make_staff
from dichvucong.dossiers.models import DossierStatus
from dichvucong.payments.models import FeeExemption, Payment
from dichvucong.payments.services import payment_request_by_officer
from dichvucong.payments.services_fees import fee_exempt
from dichvucong.payments.tests.factories import make_dossier, make_officer_for
from dichvucong.processing.machine import RoleNotAllowed

pytestmark = pytest.mark.django_db


def _request(dossier, actor):
    payment_request_by_officer(dossier=dossier, amount=30000, actor=actor)


def _waive(dossier, actor):
    fee_exempt(dossier=dossier, actor=actor, reason="Hộ nghèo")


ACTIONS = {"request_fee": _request, "waive_fee": _waive}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("roles", [("identity_clerk",), ("counter",), ("counter", "admin")])
def test_a_fee_action_refuses_a_role_that_may_not_take_it(action, roles):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    officer = make_officer_for(dossier, roles=roles)
    with pytest.raises(RoleNotAllowed) as refused:
        ACTIONS[action](dossier, officer)
    assert refused.value.status_code == 403 and "chuyên viên hoặc lãnh đạo" in str(refused.value)
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    assert not Payment.objects.exists() and not FeeExemption.objects.exists()


@pytest.mark.parametrize("action", ACTIONS)
def test_a_fee_action_refuses_an_officer_of_another_agency(action):
    dossier = make_dossier(status=DossierStatus.PAYMENT_REQUESTED)
    outsider = make_officer_for(make_dossier())
    with pytest.raises(RoleNotAllowed):
        ACTIONS[action](dossier, outsider)
    assert not FeeExemption.objects.exists()


def test_a_counter_officer_sees_no_fee_buttons_and_a_crafted_waiver_is_403(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(make_officer_for(dossier, roles=("counter",)))
    url = reverse("payments:officer_fees", args=[dossier.pk])
    page = client.get(url).content.decode()
    assert 'value="exempt"' not in page and 'value="request"' not in page
    response = client.post(url, {"action": "exempt", "exempt-reason": "Tự miễn"})
    assert response.status_code == 403
    assert "chuyên viên hoặc lãnh đạo" in response.content.decode()
    assert not FeeExemption.objects.exists()


def test_an_identity_clerk_cannot_open_a_dossiers_fees(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    clerk = make_staff()
    grant_staff_role(user=clerk, agency=dossier.agency, role="identity_clerk")
    client.force_login(clerk)
    url = reverse("payments:officer_fees", args=[dossier.pk])
    assert client.post(url, {"action": "exempt", "exempt-reason": "Tự miễn"}).status_code == 404
    assert not FeeExemption.objects.exists()


def test_a_specialist_sees_both_fee_buttons(client):
    from dichvucong.catalog.models import OnlineLevel
    from dichvucong.payments.tests.factories import make_fee_procedure

    procedure = make_fee_procedure(online_level=OnlineLevel.PARTIAL)
    dossier = make_dossier(status=DossierStatus.PROCESSING, procedure=procedure)
    client.force_login(make_officer_for(dossier, roles=("specialist",)))
    page = client.get(reverse("payments:officer_fees", args=[dossier.pk])).content.decode()
    assert 'value="exempt"' in page and 'value="request"' in page
