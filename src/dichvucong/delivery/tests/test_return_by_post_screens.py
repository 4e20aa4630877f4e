"""Issue 17.1: an officer returns a result by post from the dossier page; a click never marks a
postal result returned before the post reports it delivered; the citizen sees the waybill."""

import pytest
from django.urls import reverse

from dichvucong.delivery.models import Shipment
from dichvucong.delivery.tests.test_delivery import ready_for_post
from dichvucong.dossiers.models import DossierStatus
from dichvucong.processing.allowed import allowed_actions

pytestmark = pytest.mark.django_db


def test_dossier_page_offers_return_by_post_and_not_the_plain_return(client):
    dossier, officer = ready_for_post(client)
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert 'data-action="ship_result"' in page and "Trả kết quả qua bưu chính" in page
    assert 'data-action="return_result"' not in page
    assert "return_result" not in allowed_actions(officer, dossier)


def test_plain_return_of_a_postal_result_is_refused_until_delivered(client):
    dossier, _ = ready_for_post(client)
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]),
        {"to": DossierStatus.RETURNED, "expected_status": DossierStatus.DONE, "note": ""},
    )
    assert response.status_code in (400, 403, 409)
    assert "bưu chính" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DONE and not dossier.returned_at


def test_ship_from_the_dossier_page_shows_the_waybill_to_officer_and_citizen(
    client, settings, django_capture_on_commit_callbacks
):
    settings.DEMO_MODE = True
    dossier, officer = ready_for_post(client)
    page_url = reverse("processing:dossier", args=[dossier.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("delivery:officer", args=[dossier.pk]), {"action": "ship", "next": page_url}
        )
    assert response.status_code == 302 and response["Location"] == page_url
    shipment = Shipment.objects.get(dossier=dossier)
    assert shipment.tracking_number
    page = client.get(page_url).content.decode()
    assert shipment.tracking_number in page and 'data-action="ship_result"' not in page
    client.force_login(dossier.applicant)
    mine = client.get(reverse("tracking:my_dossier", args=[dossier.code])).content.decode()
    assert shipment.tracking_number in mine and "Đã tạo vận đơn" in mine
    # The post's "delivered" report (here the demo button) returns the dossier.
    client.force_login(officer)
    client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "demo_delivered"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED
    client.force_login(dossier.applicant)
    mine = client.get(reverse("tracking:my_dossier", args=[dossier.code])).content.decode()
    assert "Đã giao cho người nhận" in mine
