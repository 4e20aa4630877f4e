"""MoMo all-in-one v2 against a fake gateway on loopback."""

import json

import pytest
from django.urls import reverse

from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import DossierStatus
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.providers import PaymentGatewayError
from dichvucong.payments.providers.momo import CREATE_FIELDS, momo_signature
from dichvucong.payments.services import payment_reconcile, payment_request, payment_start
from dichvucong.payments.tests.factories import FEE, make_dossier, start_gateway_payment
from dichvucong.payments.tests.fakes import FakeMomo

pytestmark = pytest.mark.django_db


@pytest.fixture
def momo(settings):
    fake = FakeMomo(
        partner_code=settings.MOMO_PARTNER_CODE,
        access_key=settings.MOMO_ACCESS_KEY,
        secret=settings.MOMO_SECRET_KEY,
    )
    with fake.running():
        settings.MOMO_ENDPOINT = fake.url
        yield fake


def post_ipn(client, body):
    return client.post(
        reverse("payments:ipn", args=["momo"]), json.dumps(body), content_type="application/json"
    )


def test_signature_is_hmac_sha256_over_alphabetical_raw_string():
    data = {
        "accessKey": "A",
        "amount": 1000,
        "extraData": "",
        "ipnUrl": "http://i",
        "orderId": "O1",
        "orderInfo": "info",
        "partnerCode": "P",
        "redirectUrl": "http://r",
        "requestId": "O1",
        "requestType": "captureWallet",
    }
    raw = (
        "accessKey=A&amount=1000&extraData=&ipnUrl=http://i&orderId=O1&orderInfo=info"
        "&partnerCode=P&redirectUrl=http://r&requestId=O1&requestType=captureWallet"
    )
    import hashlib
    import hmac

    assert (
        momo_signature(data, CREATE_FIELDS, "S")
        == hmac.new(b"S", raw.encode(), hashlib.sha256).hexdigest()
    )


def test_create_returns_the_gateway_pay_url(momo):
    _, payment, url = start_gateway_payment("momo")
    assert url == f"{momo.url}/pay/{payment.order_ref}"
    order = momo.orders[payment.order_ref]
    assert order["amount"] == FEE and order["requestType"] == "captureWallet"
    assert order["requestId"] == payment.order_ref


def test_ipn_success_answers_204_and_marks_paid(momo, client):
    dossier, payment, _ = start_gateway_payment("momo")
    response = post_ipn(client, momo.ipn_body(payment.order_ref))
    assert response.status_code == 204
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.gateway_txn_no == "4088878653"
    assert dossier.status == DossierStatus.PROCESSING


def test_replayed_ipn_is_acknowledged_once(momo, client):
    _, payment, _ = start_gateway_payment("momo")
    body = momo.ipn_body(payment.order_ref)
    assert post_ipn(client, body).status_code == 204
    assert post_ipn(client, body).status_code == 204
    assert payment.events.filter(kind="paid").count() == 1
    assert payment.events.filter(kind="duplicate_notice").count() == 1


def test_forged_or_wrong_amount_ipn_is_refused(momo, client):
    _, payment, _ = start_gateway_payment("momo")
    forged = momo.ipn_body(payment.order_ref) | {"amount": 1000}
    assert post_ipn(client, forged).status_code == 400
    assert post_ipn(client, momo.ipn_body(payment.order_ref, amount=FEE + 1)).status_code == 400
    assert post_ipn(client, {"not": "json-object"}).status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert AuditLog.objects.filter(action="payment.amount_mismatch").count() == 1


def test_create_is_idempotent_by_request_id(momo, settings):
    _, payment, url = start_gateway_payment("momo")
    from dichvucong.payments.providers.momo import MomoProvider

    again = MomoProvider().start(
        payment=payment, return_url="http://t/ret", ipn_url="http://t/ipn", client_ip=""
    )
    assert again == url and len(momo.orders) == 1


def test_gateway_down_at_create_loses_nothing(momo):
    momo.down = True
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    payment = payment_request(dossier=dossier, amount=FEE, actor=None)
    with pytest.raises(PaymentGatewayError):
        payment_start(
            payment=payment, provider_id="momo", return_url="http://t/r", ipn_url="http://t/i"
        )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert payment.events.filter(kind="start_failed").exists()
    assert AuditLog.objects.filter(action="payment.start_failed").exists()


def test_query_reconciles_paid_and_not_found(momo):
    _, payment, _ = start_gateway_payment("momo")
    assert payment_reconcile(payment=payment) == "pending"
    momo.orders[payment.order_ref]["status"] = "paid"
    assert payment_reconcile(payment=payment) == "paid"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
