"""Time the payment hot paths (run: DEBUG=1 python bench/payments_ipn.py [runs]).

A fresh SQLite database in a temporary directory (or DATABASE_URL) gets `runs` dossiers with an
open VNPay payment each; the script then times, through the full Django stack: a first
(confirming) VNPay IPN, a replayed IPN, a forged one; and the receipt PDF rendering.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="dvc-bench-"))
os.environ.setdefault("VNPAY_TMN_CODE", "BENCH001")
os.environ.setdefault("VNPAY_HASH_SECRET", "BENCHSECRET0123456789ABCDEFGHIJK")
os.environ.setdefault("PAYMENT_PROVIDERS", "vnpay")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from dichvucong.dossiers.models import DossierStatus  # noqa: E402
from dichvucong.payments.models import Payment  # noqa: E402
from dichvucong.payments.providers.vnpay import signed_query  # noqa: E402
from dichvucong.payments.receipts import render_receipt  # noqa: E402
from dichvucong.payments.services import payment_request  # noqa: E402
from dichvucong.payments.tests.factories import make_dossier  # noqa: E402


def report(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    print(
        f"{label:<40} median {statistics.median(samples):7.2f} ms   "
        f"p95 {samples[max(0, int(len(samples) * 0.95) - 1)]:7.2f} ms   ({len(samples)} runs)"
    )


def ipn_params(payment: Payment, *, secret: str, forged: bool = False) -> dict:
    params = {
        "vnp_Amount": str(payment.amount * 100),
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "BENCH001",
        "vnp_TransactionNo": str(10**7 + payment.pk),
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": payment.order_ref,
        "vnp_OrderInfo": payment.description,
        "vnp_BankCode": "NCB",
    }
    params["vnp_SecureHash"] = signed_query(params, secret)[1]
    if forged:
        params["vnp_Amount"] = "100"
    return params


def timed_ipns(
    client: Client, payments: list[Payment], secret: str, *, expect: str, **kw
) -> list[float]:
    url = reverse("payments:ipn", args=["vnpay"])
    samples = []
    for payment in payments:
        params = ipn_params(payment, secret=secret, **kw)
        start = time.perf_counter()
        answer = client.get(url, params).json()
        samples.append((time.perf_counter() - start) * 1000)
        assert answer["RspCode"] == expect, answer
    return samples


def main(runs: int) -> None:
    call_command("migrate", verbosity=0)
    secret = os.environ["VNPAY_HASH_SECRET"]
    payments = []
    for _ in range(runs):
        dossier = make_dossier(status=DossierStatus.PROCESSING)
        payment = payment_request(dossier=dossier, amount=50000, actor=None)
        Payment.objects.filter(pk=payment.pk).update(provider="vnpay")
        payment.provider = "vnpay"
        payments.append(payment)
    client = Client(HTTP_HOST="127.0.0.1")
    report("IPN: confirm (lock, mark paid, 6→4)", timed_ipns(client, payments, secret, expect="00"))
    report("IPN: replay (already confirmed)", timed_ipns(client, payments, secret, expect="02"))
    report(
        "IPN: forged signature (refused, audited)",
        timed_ipns(client, payments, secret, expect="97", forged=True),
    )
    paid = list(
        Payment.objects.select_related("dossier__agency", "dossier__procedure").filter(
            status="paid"
        )[:50]
    )
    samples = []
    for payment in paid:
        start = time.perf_counter()
        render_receipt(payment)
        samples.append((time.perf_counter() - start) * 1000)
    report("receipt PDF render", samples)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
