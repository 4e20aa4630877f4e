"""Postal delivery: choice with address and fee, shipment via VNPost fake, signed callbacks."""

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.models import AuditLog
from dichvucong.core.vn.addresses import communes, provinces
from dichvucong.delivery.models import Shipment, ShipmentStatus
from dichvucong.dossiers.models import Dossier, DossierStatus, ResultDelivery
from dichvucong.notifications.models import SmsMessage
from dichvucong.payments.tests.factories import make_dossier, make_fee_procedure, make_officer_for
from dichvucong.payments.tests.fakes import FakeVnpost
from dichvucong.processing.tests.factories import walk_to

pytestmark = pytest.mark.django_db
PROVINCE = provinces()[0][0]
COMMUNE = communes(PROVINCE)[0][0]


def address(**overrides):
    return {
        "result_delivery": "post",
        "recipient_name": "Nguyễn Văn A",
        "phone": "0912345678",
        "province_code": PROVINCE,
        "commune_code": COMMUNE,
        "line": "12 Nguyễn Tất Thành",
    } | overrides


@pytest.fixture
def vnpost(settings):
    fake = FakeVnpost(token=settings.VNPOST_TOKEN, secret=settings.VNPOST_CALLBACK_SECRET)
    with fake.running():
        settings.VNPOST_ENDPOINT = fake.url
        settings.DELIVERY_PROVIDER = "vnpost"
        yield fake


def test_citizen_chooses_post_with_address_and_sees_the_fee(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(dossier.applicant)
    url = reverse("delivery:choice", args=[dossier.pk])
    assert "Cước bưu chính" in client.get(url).content.decode()
    assert client.post(url, address()).status_code == 302
    dossier.refresh_from_db()
    assert dossier.result_delivery == ResultDelivery.POST
    assert dossier.delivery_address["commune_code"] == COMMUNE
    assert dossier.delivery_address["phone"] == "+84912345678"
    assert dossier.delivery_address["fee"] == 35000  # outside the (unset) home province


def test_post_without_address_or_with_a_commune_of_another_province_is_refused(client):
    dossier = make_dossier()
    client.force_login(dossier.applicant)
    url = reverse("delivery:choice", args=[dossier.pk])
    assert client.post(url, {"result_delivery": "post"}).status_code == 400
    other_commune = communes(provinces()[1][0])[0][0]
    response = client.post(url, address(commune_code=other_commune))
    assert response.status_code == 400
    dossier.refresh_from_db()
    assert dossier.result_delivery == ResultDelivery.COUNTER


def test_choice_is_locked_once_the_result_is_ready(client):
    dossier = make_dossier(status=DossierStatus.DONE)
    client.force_login(dossier.applicant)
    client.post(reverse("delivery:choice", args=[dossier.pk]), address())
    dossier.refresh_from_db()
    assert dossier.result_delivery == ResultDelivery.COUNTER


def test_another_citizen_gets_404(client):
    dossier = make_dossier()
    client.force_login(make_citizen())
    assert client.get(reverse("delivery:choice", args=[dossier.pk])).status_code == 404


def test_the_commune_list_is_refilled_by_the_portal_s_one_address_script(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(dossier.applicant)
    html = client.get(reverse("delivery:choice", args=[dossier.pk])).content.decode()
    assert "js/address.js" in html and reverse("accounts:communes_api") in html
    assert 'data-province-field="id_province_code"' in html


def ready_for_post(client, *, requires_originals=False):
    procedure = make_fee_procedure(requires_originals=requires_originals)
    dossier = make_dossier(status=DossierStatus.PROCESSING, procedure=procedure)
    client.force_login(dossier.applicant)
    assert client.post(reverse("delivery:choice", args=[dossier.pk]), address()).status_code == 302
    dossier = walk_to(Dossier.objects.get(pk=dossier.pk), DossierStatus.DONE)
    officer = make_officer_for(dossier)
    client.force_login(officer)
    return dossier, officer


def test_officer_returns_by_post_tracking_number_stored_and_texted(
    client, vnpost, django_capture_on_commit_callbacks
):
    dossier, _ = ready_for_post(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    shipment = Shipment.objects.get(dossier=dossier)
    assert shipment.status == ShipmentStatus.CREATED and shipment.tracking_number.startswith("EB")
    order = vnpost.orders[shipment.reference]
    assert order["receiver"]["commune_code"] == COMMUNE
    sms = SmsMessage.objects.get(dossier_id=dossier.pk, purpose="delivery")
    assert shipment.tracking_number in sms.text and sms.phone == "+84912345678"
    # Written in Vietnamese with tone marks; sms_text() folds it for the gateway if configured.
    assert sms.text.startswith(f"Kết quả hồ sơ {dossier.code} đã gửi qua bưu điện")


def test_signed_delivered_callback_marks_the_dossier_returned(
    client, vnpost, django_capture_on_commit_callbacks
):
    dossier, _ = ready_for_post(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    shipment = Shipment.objects.get(dossier=dossier)
    url = reverse("delivery:callback", args=["vnpost"])
    for status in ("picked_up", "delivered", "delivered"):
        body, headers = vnpost.callback(shipment.reference, status)
        response = client.post(url, body, content_type="application/json", headers=headers)
        assert response.status_code == 200
    dossier.refresh_from_db()
    shipment.refresh_from_db()
    assert dossier.status == DossierStatus.RETURNED and dossier.returned_at
    assert shipment.status == ShipmentStatus.DELIVERED
    assert dossier.events.filter(to_status=DossierStatus.RETURNED).count() == 1


def test_callback_with_a_bad_signature_is_refused(
    client, vnpost, django_capture_on_commit_callbacks
):
    dossier, _ = ready_for_post(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    shipment = Shipment.objects.get(dossier=dossier)
    body, _ = vnpost.callback(shipment.reference, "delivered")
    response = client.post(
        reverse("delivery:callback", args=["vnpost"]),
        body,
        content_type="application/json",
        headers={"X-Signature": "00"},
    )
    assert response.status_code == 401
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DONE
    assert AuditLog.objects.filter(action="delivery.callback_rejected").exists()


def test_postal_service_down_keeps_the_shipment_for_a_retry(
    client, vnpost, django_capture_on_commit_callbacks
):
    vnpost.down = True
    dossier, _ = ready_for_post(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    shipment = Shipment.objects.get(dossier=dossier)
    assert shipment.status == ShipmentStatus.ERROR and shipment.attempts == 5
    vnpost.down = False
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    assert dossier.shipments.filter(status=ShipmentStatus.CREATED).count() == 1


def test_originals_collected_by_the_postman_are_recorded_by_the_officer(
    client, vnpost, django_capture_on_commit_callbacks
):
    dossier, officer = ready_for_post(client, requires_originals=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    shipment = Shipment.objects.get(dossier=dossier)
    assert shipment.collect_originals and vnpost.orders[shipment.reference]["collect_documents"]
    body, headers = vnpost.callback(shipment.reference, "delivered", documents_collected=True)
    client.post(
        reverse("delivery:callback", args=["vnpost"]),
        body,
        content_type="application/json",
        headers=headers,
    )
    client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "originals"})
    shipment.refresh_from_db()
    dossier.refresh_from_db()
    assert shipment.originals_collected and shipment.originals_received_by == officer
    assert dossier.originals_checked_at is not None


def test_demo_provider_books_and_the_citizen_sees_the_tracking_number(
    client, django_capture_on_commit_callbacks
):
    dossier, _ = ready_for_post(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "demo_delivered"})
    shipment = Shipment.objects.get(dossier=dossier)
    client.force_login(dossier.applicant)
    page = client.get(reverse("delivery:choice", args=[dossier.pk])).content.decode()
    assert shipment.tracking_number in page and "Đã trả kết quả" in page


def test_officer_cannot_ship_a_dossier_not_ready(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(make_officer_for(dossier))
    response = client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    assert response.status_code == 400
    assert not Shipment.objects.exists()


def test_delivery_report_is_kept_when_the_back_office_refuses_the_hand_over(
    client, vnpost, django_capture_on_commit_callbacks
):
    from dichvucong.catalog.models import OnlineLevel

    dossier, _ = ready_for_post(client)
    # A partly-online procedure needs originals compared before hand-over (back-office rule).
    dossier.procedure.online_level = OnlineLevel.PARTIAL
    dossier.procedure.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delivery:officer", args=[dossier.pk]), {"action": "ship"})
    shipment = Shipment.objects.get(dossier=dossier)
    body, headers = vnpost.callback(shipment.reference, "delivered")
    response = client.post(
        reverse("delivery:callback", args=["vnpost"]),
        body,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    shipment.refresh_from_db()
    dossier.refresh_from_db()
    assert shipment.status == ShipmentStatus.DELIVERED
    assert dossier.status == DossierStatus.DONE
    assert AuditLog.objects.filter(action="delivery.return_blocked").exists()


@pytest.mark.parametrize("provider_id", ["demo", "vnpost"])
def test_a_postal_callback_with_invalid_utf8_is_a_400(provider_id, settings):
    from django.test import Client

    settings.DELIVERY_PROVIDER = provider_id  # callbacks of a provider not enabled are a 404
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("delivery:callback", args=[provider_id]),
        b'{"order_code": "\xff\xfe", "status": "delivered"}',
        content_type="application/json",
        HTTP_X_SIGNATURE="0" * 64,
    )
    assert response.status_code == 400
