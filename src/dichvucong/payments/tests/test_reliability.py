"""No payment lost, none counted twice: concurrent duplicate IPNs and audit completeness."""

import threading

import pytest
from django.db import OperationalError, connection

from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import DossierStatus
from dichvucong.payments.models import PaymentEvent, PaymentStatus
from dichvucong.payments.providers import GatewayNotice, IpnResult
from dichvucong.payments.services import payment_confirm_from_ipn, payment_request
from dichvucong.payments.tests.factories import FEE, make_dossier

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicate_ipns_confirm_exactly_once():
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    payment = payment_request(dossier=dossier, amount=FEE, actor=None)
    payment.provider = "vnpay"
    payment.save()
    notice = GatewayNotice(
        order_ref=payment.order_ref,
        amount=FEE,
        success=True,
        txn_no="14000001",
        raw={"vnp_TxnRef": payment.order_ref},
    )
    barrier = threading.Barrier(THREADS)
    results: list[IpnResult] = []
    errors: list[BaseException] = []

    def deliver():
        try:
            barrier.wait()
            results.append(payment_confirm_from_ipn(provider_id="vnpay", notice=notice))
        except OperationalError as exc:
            # In-memory SQLite (shared cache) reports a table lock instead of waiting; the IPN
            # view answers 99 and the gateway retries. PostgreSQL waits on the row lock.
            errors.append(exc)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if connection.vendor == "postgresql":
        assert errors == []
    assert all(isinstance(e, OperationalError) for e in errors)
    assert results.count(IpnResult.CONFIRMED) == 1
    assert results.count(IpnResult.ALREADY_CONFIRMED) == THREADS - 1 - len(errors)
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert dossier.status == DossierStatus.PROCESSING
    assert PaymentEvent.objects.filter(payment=payment, kind="paid").count() == 1
    assert dossier.events.filter(action="fee_paid").count() == 1


@pytest.mark.django_db
def test_every_payment_event_has_an_audit_row():
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    payment = payment_request(dossier=dossier, amount=FEE, actor=None)
    payment.provider = "vnpay"
    payment.save()
    for amount in (FEE - 1, FEE, FEE):
        payment_confirm_from_ipn(
            provider_id="vnpay",
            notice=GatewayNotice(order_ref=payment.order_ref, amount=amount, success=True),
        )
    kinds = list(PaymentEvent.objects.filter(payment=payment).values_list("kind", flat=True))
    assert kinds == ["requested", "amount_mismatch", "paid", "duplicate_notice"]
    audited = list(
        AuditLog.objects.filter(target_type="payments.payment", target_id=str(payment.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert audited == [f"payment.{kind}" for kind in kinds]
