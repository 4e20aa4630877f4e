"""PayGov (Cổng DVCQG payment platform) against a fake on loopback."""

import hashlib

import pytest
from django.urls import reverse

from dichvucong.dossiers.models import DossierStatus
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.providers.paygov import paygov_checksum
from dichvucong.payments.services import payment_reconcile
from dichvucong.payments.tests.factories import FEE, start_gateway_payment
from dichvucong.payments.tests.fakes import FakePaygov

pytestmark = pytest.mark.django_db


@pytest.fixture
def paygov(settings):
    fake = FakePaygov(merchant=settings.PAYGOV_MERCHANT_CODE, secret=settings.PAYGOV_SECRET)
    with fake.running():
        settings.PAYGOV_ENDPOINT = fake.url
        yield fake


def callback(client, data):
    return client.post(reverse("payments:ipn", args=["paygov"]), data).json()


def test_checksum_is_sha256_of_pipe_joined_fields_with_secret_last():
    assert (
        paygov_checksum({"a": "1", "b": 2}, ("a", "b"), "k") == hashlib.sha256(b"1|2|k").hexdigest()
    )


def test_init_returns_the_platform_url(paygov):
    _, payment, url = start_gateway_payment("paygov")
    assert url == f"{paygov.url}/pay/{payment.order_ref}"
    assert paygov.orders[payment.order_ref]["amount"] == FEE


def test_callback_confirms_and_replay_answers_02(paygov, client):
    dossier, payment, _ = start_gateway_payment("paygov")
    data = paygov.result(payment.order_ref, status="00")
    assert callback(client, data)["error_code"] == "00"
    assert callback(client, data)["error_code"] == "02"
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert dossier.status == DossierStatus.PROCESSING


def test_bad_checksum_and_amount_are_refused(paygov, client):
    _, payment, _ = start_gateway_payment("paygov")
    data = paygov.result(payment.order_ref, status="00")
    assert callback(client, data | {"amount": "1"})["error_code"] == "97"
    assert callback(client, paygov.result(payment.order_ref, amount=1))["error_code"] == "04"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_query_reconciles(paygov):
    _, payment, _ = start_gateway_payment("paygov")
    assert payment_reconcile(payment=payment) == "pending"
    paygov.result(payment.order_ref, status="00")
    assert payment_reconcile(payment=payment) == "paid"
