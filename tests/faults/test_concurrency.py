"""Submissions and IPNs arriving together (PostgreSQL only: SQLite serialises writers).

100 citizens press Submit at the same moment (threads, each its own database connection) →
100 dossiers, 100 distinct codes, every file stored. 20 copies of one gateway's IPN arrive at
once → one payment, one "paid" event, one ledger row. 40 simultaneous wrong passwords are in
`accounts/tests/test_throttle.py`; two officers acting at once in
`processing/tests/test_concurrency.py`; 8 duplicate IPNs through the service in
`payments/tests/test_reliability.py`.
"""

import threading
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import RequiredDocument
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.dossiers.models import Attachment, Dossier, FeeSettlement
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import small_pdf, upload
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.tests.conftest import _loopback_only  # noqa: F401 (autouse fixture)
from dichvucong.payments.tests.factories import start_gateway_payment
from dichvucong.payments.tests.fakes import FakeVnpay, get_url
from tests.faults.conftest import FIGURES, record

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.faults,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]
SUBMISSIONS = 100
IPNS = 20


def _connection_room() -> int:
    """How many more connections the server takes now (other sessions share it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity"
        )
        return cursor.fetchone()[0] - 10


def _together(count: int, work) -> list[BaseException]:
    """Run work(i) in `count` threads released at once; return what they raised."""
    gate = threading.BoundedSemaphore(max(1, min(count, _connection_room())))
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(i):
        barrier.wait()
        try:
            with gate:
                work(i)
        except BaseException as exc:  # collected and asserted by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_100_simultaneous_submissions_get_100_distinct_codes_and_keep_every_file(settings):
    # The receipts rendered after commit are not what is tested here (they would render 100
    # PDFs on two cores): queue the tasks without running them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    agency = make_agency()
    procedure = make_procedure(agencies=[agency])
    first = RequiredDocument.objects.create(procedure=procedure, order=1, name="Tờ khai")
    second = RequiredDocument.objects.create(procedure=procedure, order=2, name="Bản sao CCCD")
    citizens = [make_citizen(password=None) for _ in range(SUBMISSIONS)]  # no hashing: fast
    pdf = small_pdf()
    results: dict[int, Dossier] = {}

    def submit(i):
        results[i] = dossier_submit(
            applicant=citizens[i],
            procedure=procedure,
            data={},
            files=[(first, upload(f"to-khai-{i}.pdf", pdf)), (second, upload("cccd.pdf", pdf))],
            idempotency_key=uuid.uuid4(),
            agency=agency,
        )

    errors = _together(SUBMISSIONS, submit)
    for _ in range(SUBMISSIONS):
        record("concurrency:submission")
    assert errors == []
    codes = {d.code for d in results.values()}
    assert len(results) == SUBMISSIONS and len(codes) == SUBMISSIONS
    dossiers = Dossier.objects.filter(procedure=procedure).exclude(code=None)
    assert dossiers.count() == SUBMISSIONS
    lost = 0
    for dossier in dossiers:
        files = Attachment.objects.filter(dossier=dossier, kind="application")
        if sorted(files.values_list("required_document_id", flat=True)) != [first.pk, second.pk]:
            lost += 1
        for attachment in files:
            with attachment.file.open("rb") as handle:
                lost += handle.read(5) != b"%PDF-"
    FIGURES["data_lost"] += lost
    assert lost == 0


def test_20_simultaneous_copies_of_one_ipn_record_one_payment_and_one_ledger_row(settings):
    fake = FakeVnpay(tmn_code=settings.VNPAY_TMN_CODE, secret=settings.VNPAY_HASH_SECRET)
    with fake.running():
        settings.VNPAY_PAY_URL = f"{fake.url}/paymentv2/vpcpay.html"
        settings.VNPAY_API_URL = f"{fake.url}/merchant_webapi/api/transaction"
        dossier, payment, pay_url = start_gateway_payment("vnpay")
        get_url(pay_url)
        params = fake.result_params(payment.order_ref)
        answers: list[str] = []

        def deliver(_i):
            response = Client().get(reverse("payments:ipn", args=["vnpay"]), params)
            record("concurrency:ipn", response)
            answers.append(response.json()["RspCode"])

        errors = _together(IPNS, deliver)
    assert errors == []
    assert answers.count("00") == 1, answers
    assert set(answers) <= {"00", "02"}, answers
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.events.filter(kind="paid").count() == 1
    assert FeeSettlement.objects.filter(dossier=dossier).count() == 1
    assert dossier.events.filter(action="fee_paid").count() == 1
