"""Background work for payments: receipts after commit, reconciliation with the gateways."""

from django_tasks import task


@task()
def issue_receipt(payment_id: int) -> str:
    """Render and store the receipt of a paid payment (safe to run twice)."""
    from dichvucong.payments.services_receipts import receipt_issue

    attachment = receipt_issue(payment_id=payment_id)
    return "issued" if attachment is not None else "skipped"


@task()
def reconcile_payment(payment_id: int) -> str:
    """Ask the gateway about one pending payment."""
    from dichvucong.payments.models import Payment, PaymentStatus
    from dichvucong.payments.services import payment_reconcile

    payment = Payment.objects.filter(pk=payment_id, status=PaymentStatus.PENDING).first()
    if payment is None or payment.provider in ("", "demo", "counter"):
        return "skipped"
    return payment_reconcile(payment=payment)


@task()
def reconcile_payments(older_than_seconds: int = 120) -> dict:
    """Query every stale pending payment and fix drift; return counts per outcome."""
    from dichvucong.payments.selectors import payments_to_reconcile
    from dichvucong.payments.services import payment_reconcile

    counts: dict[str, int] = {}
    for payment in payments_to_reconcile(older_than_seconds=older_than_seconds):
        outcome = payment_reconcile(payment=payment)
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts
