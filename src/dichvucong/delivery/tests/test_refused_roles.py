"""Returning a result by post and recording the originals are the one-stop counter's."""

import pytest
from django.urls import reverse

from dichvucong.accounts.services import grant_staff_role
from dichvucong.accounts.tests.factories import make_staff
from dichvucong.delivery.models import Shipment
from dichvucong.delivery.services import originals_receipt_record, shipment_create
from dichvucong.dossiers.models import DossierStatus, ResultDelivery
from dichvucong.payments.tests.factories import make_dossier, make_officer_for
from dichvucong.processing.machine import RoleNotAllowed

pytestmark = pytest.mark.django_db
ADDRESS = {"recipient_name": "Nguyễn Văn A", "phone": "0912345678", "line": "12 Lê Lợi", "fee": 0}


def _done_by_post():
    return make_dossier(
        status=DossierStatus.DONE, result_delivery=ResultDelivery.POST, delivery_address=ADDRESS
    )


def _ship(dossier, actor):
    shipment_create(dossier=dossier, actor=actor, callback_url="http://t/cb")


def _originals(dossier, actor):
    shipment = Shipment.objects.create(
        dossier=dossier, provider="demo", reference=f"KQ{dossier.pk}", collect_originals=True
    )
    originals_receipt_record(shipment=shipment, actor=actor)


ACTIONS = {"ship_result": _ship, "record_originals_from_post": _originals}


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("roles", [("identity_clerk",), ("specialist",), ("leader", "admin")])
def test_a_postal_action_refuses_a_role_that_may_not_take_it(action, roles):
    dossier = _done_by_post()
    officer = make_officer_for(dossier, roles=roles)
    with pytest.raises(RoleNotAllowed) as refused:
        ACTIONS[action](dossier, officer)
    assert refused.value.status_code == 403 and "cán bộ một cửa" in str(refused.value)
    dossier.refresh_from_db()
    assert dossier.originals_checked_at is None
    assert not Shipment.objects.filter(originals_received_at__isnull=False).exists()
    assert not Shipment.objects.exclude(reference=f"KQ{dossier.pk}").exists()


def test_a_specialist_sees_no_ship_button_and_a_crafted_post_is_403(client):
    dossier = _done_by_post()
    client.force_login(make_officer_for(dossier, roles=("specialist",)))
    url = reverse("delivery:officer", args=[dossier.pk])
    assert 'value="ship"' not in client.get(url).content.decode()
    response = client.post(url, {"action": "ship"}, follow=True)
    assert response.status_code == 403
    assert "cán bộ một cửa" in response.content.decode()
    assert not Shipment.objects.exists()


def test_a_counter_officer_sees_the_ship_button(client):
    dossier = _done_by_post()
    client.force_login(make_officer_for(dossier, roles=("counter",)))
    page = client.get(reverse("delivery:officer", args=[dossier.pk])).content.decode()
    assert 'value="ship"' in page


def test_an_identity_clerk_cannot_open_the_dispatch_page(client):
    dossier = _done_by_post()
    clerk = make_staff()
    grant_staff_role(user=clerk, agency=dossier.agency, role="identity_clerk")
    client.force_login(clerk)
    assert (
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"}).status_code
        == 404
    )
    assert not Shipment.objects.exists()
