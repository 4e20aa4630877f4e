"""Forged gateway and postal callbacks: refused, audited, and nothing changes.

Each payment gateway (VNPay, MoMo, PayGov) is started against round 1's loopback fakes
(`payments/tests/fakes.py`), then sent: a bad signature, the right notice replayed, a notice
for another amount, a notice to a provider that is not enabled, invalid UTF-8, an oversized
body, an empty body. The postal callback gets the same families. Never a 500; the payment stays
as it was (or is paid exactly once for the one genuine notice) and the fee ledger gets no row
from a forgery. Round 1's single-provider tests stay where they are: `payments/tests/
test_vnpay.py`, `test_empty_secret.py`, `test_bad_bytes.py`, `delivery/tests/`.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from dichvucong.dossiers.models import FeeSettlement
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.tests.conftest import _loopback_only  # noqa: F401 (autouse fixture)
from dichvucong.payments.tests.factories import FEE, start_gateway_payment
from dichvucong.payments.tests.fakes import FakeDvcqgPayment, FakeMomo, FakeVnpay, get_url
from tests.faults.conftest import no_server_error, record

pytestmark = [pytest.mark.django_db, pytest.mark.faults]
BIG = b"{" + b'"x": "' + b"A" * (6 * 1024 * 1024) + b'"}'
BAD_BYTES = b'{"orderId": "\xff\xfe\xc3(", "vnp_TxnRef": "\xc0\xaf", "amount": 1}'


@pytest.fixture
def gateways(settings):
    vnpay = FakeVnpay(tmn_code=settings.VNPAY_TMN_CODE, secret=settings.VNPAY_HASH_SECRET)
    momo = FakeMomo(
        partner_code=settings.MOMO_PARTNER_CODE,
        access_key=settings.MOMO_ACCESS_KEY,
        secret=settings.MOMO_SECRET_KEY,
    )
    dvcqg = FakeDvcqgPayment(
        partner=settings.DVCQG_PAY_PARTNER_CODE, secret=settings.DVCQG_PAY_SECRET
    )
    with vnpay.running(), momo.running(), dvcqg.running():
        settings.VNPAY_PAY_URL = f"{vnpay.url}/paymentv2/vpcpay.html"
        settings.VNPAY_API_URL = f"{vnpay.url}/merchant_webapi/api/transaction"
        settings.MOMO_ENDPOINT = momo.url
        settings.DVCQG_PAY_INIT_URL = f"{dvcqg.url}/init"
        settings.DVCQG_PAY_QUERY_URL = f"{dvcqg.url}/query"
        settings.DVCQG_PAY_RECEIPT_URL = f"{dvcqg.url}/bill"
        yield {"vnpay": vnpay, "momo": momo, "dvcqg": dvcqg}


def _genuine(provider: str, fake, ref: str, amount: int | None = None):
    """The notice the gateway itself would send: (method, data, content type)."""
    if provider == "vnpay":
        return "get", fake.result_params(ref, amount=amount), None
    if provider == "momo":
        return "post", json.dumps(fake.ipn_body(ref, amount=amount)), "application/json"
    return "post", json.dumps(fake.confirm(ref, amount=amount)), "application/json"


def _forged(provider: str, fake, ref: str):
    method, data, content_type = _genuine(provider, fake, ref)
    if provider == "vnpay":
        data = data | {"vnp_SecureHash": "0" * 128}
    elif provider == "momo":
        data = json.dumps(json.loads(data) | {"signature": "0" * 64})
    else:
        data = json.dumps(json.loads(data) | {"MaXacThuc": "0" * 64})
    return method, data, content_type


def _send(client, provider, method, data, content_type=None):
    url = reverse("payments:ipn", args=[provider])
    if method == "get":
        return client.get(url, data)
    if content_type:
        return client.post(url, data, content_type=content_type)
    return client.post(url, data)


def _state(payment):
    payment.refresh_from_db()
    return (
        payment.status,
        payment.events.filter(kind="paid").count(),
        FeeSettlement.objects.filter(dossier_id=payment.dossier_id).count(),
        payment.dossier.__class__.objects.get(pk=payment.dossier_id).status,
    )


GATEWAYS = ["vnpay", "momo", "dvcqg"]


@pytest.mark.parametrize("provider", GATEWAYS)
def test_forged_notices_change_nothing_and_the_genuine_one_pays_once(provider, gateways):
    client = Client(raise_request_exception=False)
    _, payment, pay_url = start_gateway_payment(provider)
    if provider == "vnpay":
        get_url(pay_url)  # the citizen opens the gateway's page: the fake learns the order
    before = _state(payment)
    fake = gateways[provider]
    ref = payment.order_ref
    attempts = {
        "bad-signature": _forged(provider, fake, ref),
        "other-amount": _genuine(provider, fake, ref, amount=FEE - 1),
        "other-amount-more": _genuine(provider, fake, ref, amount=FEE * 100),
        "invalid-utf8": ("post", BAD_BYTES, "application/json"),
        "invalid-utf8-form": ("post", BAD_BYTES, "application/x-www-form-urlencoded"),
        "oversized": ("post", BIG, "application/json"),
        "empty": ("post", b"", "application/json"),
        "garbage-json": ("post", b"{not json", "application/json"),
    }
    for family, (method, data, content_type) in attempts.items():
        response = _send(client, provider, method, data, content_type)
        record(f"callback:{family}", response)
        no_server_error(response, f"{provider} {family}")
        assert _state(payment) == before, f"{provider} {family} changed the payment"
    # The genuine notice pays once; the same notice replayed changes nothing more.
    genuine = _genuine(provider, fake, ref)
    for family in ("genuine", "replayed", "replayed"):
        response = _send(client, provider, *genuine)
        record(f"callback:{family}", response)
        no_server_error(response, f"{provider} {family}")
    status, paid_events, ledger_rows, _ = _state(payment)
    assert (status, paid_events, ledger_rows) == (PaymentStatus.PAID, 1, 1)


@pytest.mark.parametrize("provider", [*GATEWAYS, "demo", "khong-co", "vnpost"])
def test_a_notice_to_a_provider_that_is_not_enabled_is_a_404(provider, gateways, settings):
    _, payment, pay_url = start_gateway_payment("vnpay")
    get_url(pay_url)
    before = _state(payment)
    settings.PAYMENT_PROVIDERS = ["demo"] if provider != "demo" else ["vnpay"]
    client = Client(raise_request_exception=False)
    method, data, content_type = _genuine("vnpay", gateways["vnpay"], payment.order_ref)
    response = _send(client, provider, method, data, content_type)
    record("callback:not-enabled", response)
    assert response.status_code == 404
    assert _state(payment) == before


@pytest.mark.parametrize(
    ("family", "body", "headers"),
    [
        ("bad-signature", b'{"order_code": "GH1", "status": "delivered"}', {"X-Signature": "00"}),
        ("no-signature", b'{"order_code": "GH1", "status": "delivered"}', {}),
        ("invalid-utf8", b'{"order_code": "\xff\xfe"}', {"X-Signature": "00"}),
        ("oversized", BIG, {"X-Signature": "00"}),
        ("empty", b"", {}),
        ("garbage-json", b"{not json", {"X-Signature": "00"}),
    ],
)
@pytest.mark.parametrize("provider", ["vnpost", "demo", "khong-co"])
def test_forged_postal_callbacks_are_refused(provider, family, body, headers):
    from dichvucong.delivery.models import Shipment

    client = Client(raise_request_exception=False)
    before = list(Shipment.objects.values_list("pk", "status"))
    response = client.post(
        reverse("delivery:callback", args=[provider]),
        body,
        content_type="application/json",
        headers=headers,
    )
    record(f"postal:{family}", response)
    no_server_error(response, f"postal {provider} {family}")
    assert 400 <= response.status_code < 500
    assert list(Shipment.objects.values_list("pk", "status")) == before
