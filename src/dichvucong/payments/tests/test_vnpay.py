"""VNPay v2.1.0 against a fake gateway on loopback and published HMAC example values."""

import json
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from dichvucong.core.models import AuditLog
from dichvucong.core.signing import hmac_hex
from dichvucong.dossiers.models import DossierStatus
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.providers.vnpay import signed_query
from dichvucong.payments.services import payment_reconcile, payment_start
from dichvucong.payments.tests.factories import FEE, start_gateway_payment
from dichvucong.payments.tests.fakes import FakeVnpay, get_url

pytestmark = pytest.mark.django_db


def test_query_string_is_sorted_and_form_encoded_like_vnpay():
    query, digest = signed_query(
        {"vnp_TxnRef": "A1", "vnp_Amount": 100, "vnp_OrderInfo": "Thanh toan ho so"}, "s"
    )
    assert query == "vnp_Amount=100&vnp_OrderInfo=Thanh+toan+ho+so&vnp_TxnRef=A1"
    assert digest == hmac_hex("s", query, "sha512")


@pytest.fixture
def vnpay(settings):
    fake = FakeVnpay(tmn_code=settings.VNPAY_TMN_CODE, secret=settings.VNPAY_HASH_SECRET)
    with fake.running():
        settings.VNPAY_PAY_URL = f"{fake.url}/paymentv2/vpcpay.html"
        settings.VNPAY_API_URL = f"{fake.url}/merchant_webapi/api/transaction"
        yield fake


def ipn(client, params):
    response = client.get(reverse("payments:ipn", args=["vnpay"]), params)
    return response.json()


def test_pay_url_is_accepted_by_the_gateway_with_amount_times_100(vnpay):
    _, payment, url = start_gateway_payment("vnpay")
    status, page = get_url(url)
    assert status == 200 and "Thanh toán" in page.decode()
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["vnp_Amount"] == str(FEE * 100)
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_CurrCode"] == "VND" and params["vnp_TxnRef"] == payment.order_ref
    assert (
        len(params["vnp_CreateDate"]) == 14 and params["vnp_ExpireDate"] > params["vnp_CreateDate"]
    )


def test_gateway_refuses_a_tampered_pay_url(vnpay):
    _, _, url = start_gateway_payment("vnpay")
    status, _ = get_url(url.replace(f"vnp_Amount={FEE * 100}", "vnp_Amount=100"))
    assert status == 400


def test_ipn_confirms_payment_and_moves_dossier_back_to_processing(
    vnpay, client, django_capture_on_commit_callbacks
):
    dossier, payment, url = start_gateway_payment("vnpay")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAYMENT_REQUESTED
    get_url(url)
    with django_capture_on_commit_callbacks(execute=True):
        answer = ipn(client, vnpay.result_params(payment.order_ref))
    assert answer == {"RspCode": "00", "Message": "Confirm Success"}
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.gateway_txn_no
    assert dossier.status == DossierStatus.PROCESSING
    assert payment.receipt is not None and payment.receipt.kind == "receipt"
    assert payment.receipt.file.read(5) == b"%PDF-"
    assert AuditLog.objects.filter(action="payment.paid", target_id=str(payment.pk)).exists()


def test_replayed_ipn_answers_02_and_changes_nothing(vnpay, client):
    _, payment, url = start_gateway_payment("vnpay")
    get_url(url)
    params = vnpay.result_params(payment.order_ref)
    assert ipn(client, params)["RspCode"] == "00"
    assert ipn(client, params)["RspCode"] == "02"
    assert payment.events.filter(kind="paid").count() == 1
    assert payment.dossier.events.filter(action="fee_paid").count() == 1


def test_bad_signature_answers_97_and_is_audited(vnpay, client):
    _, payment, url = start_gateway_payment("vnpay")
    get_url(url)
    params = vnpay.result_params(payment.order_ref) | {"vnp_Amount": "100"}
    assert ipn(client, params)["RspCode"] == "97"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING
    assert AuditLog.objects.filter(action="payment.ipn_rejected").exists()


def test_wrong_amount_answers_04(vnpay, client):
    _, payment, url = start_gateway_payment("vnpay")
    get_url(url)
    assert ipn(client, vnpay.result_params(payment.order_ref, amount=FEE - 1))["RspCode"] == "04"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_unknown_order_answers_01(vnpay, client):
    _, payment, url = start_gateway_payment("vnpay")
    get_url(url)
    params = vnpay.result_params(payment.order_ref)
    vnpay.orders["NOSUCHREF"] = vnpay.orders[payment.order_ref]
    assert ipn(client, vnpay.result_params("NOSUCHREF") | {})["RspCode"] == "01"
    assert params  # the real order is untouched
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_declined_payment_is_recorded_as_failed_and_dossier_waits(vnpay, client):
    dossier, payment, url = start_gateway_payment("vnpay")
    get_url(url)
    assert ipn(client, vnpay.result_params(payment.order_ref, code="24"))["RspCode"] == "00"
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    assert dossier.status == DossierStatus.PAYMENT_REQUESTED


def test_reconciliation_finds_a_payment_whose_ipn_never_came(vnpay):
    _, payment, url = start_gateway_payment("vnpay")
    get_url(url)
    vnpay.orders[payment.order_ref]["status"] = "paid"
    vnpay.orders[payment.order_ref]["result"] = vnpay.result_params(payment.order_ref)
    assert payment_reconcile(payment=payment) == "paid"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.events.get(kind="paid").source == "reconcile"


def test_reconciliation_leaves_payment_pending_when_gateway_is_down(vnpay):
    _, payment, _ = start_gateway_payment("vnpay")
    vnpay.down = True
    assert payment_reconcile(payment=payment) == "gateway_error"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_ipn_endpoint_needs_no_csrf_token_but_a_signature(vnpay, client):
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("payments:ipn", args=["vnpay"]), {"vnp_TxnRef": "x"})
    assert json.loads(response.content)["RspCode"] == "97"


def test_superseded_attempt_paid_in_another_tab_is_found_by_reconciliation(vnpay):
    from datetime import timedelta

    from dichvucong.payments.models import Payment
    from dichvucong.payments.tasks import reconcile_payments

    dossier, first, url = start_gateway_payment("vnpay")
    get_url(url)
    # The first order's window is over when the citizen presses "pay" again.
    Payment.objects.filter(pk=first.pk).update(started_at=first.started_at - timedelta(hours=1))
    second_url = payment_start(
        payment=first, provider_id="vnpay", return_url="http://t/r", ipn_url="http://t/i"
    )
    get_url(second_url)
    first.refresh_from_db()
    assert first.status == PaymentStatus.CANCELLED
    vnpay.orders[first.order_ref] |= {
        "status": "paid",
        "result": vnpay.result_params(first.order_ref),
    }
    counts = reconcile_payments.call(older_than_seconds=0)
    first.refresh_from_db()
    dossier.refresh_from_db()
    assert counts.get("paid") == 1
    assert first.status == PaymentStatus.PAID and not first.needs_refund
    assert dossier.status == DossierStatus.PROCESSING
    assert not dossier.payments.filter(status=PaymentStatus.PENDING).exists()


def test_abandoned_payment_expires_after_the_gateway_window(vnpay):
    from datetime import timedelta

    from django.utils import timezone

    from dichvucong.payments.models import Payment

    _, payment, _ = start_gateway_payment("vnpay")  # never opened at the gateway: "not found"
    Payment.objects.filter(pk=payment.pk).update(started_at=timezone.now() - timedelta(hours=2))
    payment.refresh_from_db()
    assert payment_reconcile(payment=payment) == "expired"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.EXPIRED
