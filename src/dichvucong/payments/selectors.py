"""Reads for fees: every dossier's fee state in one place."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Q, Sum
from django.http import Http404
from django.utils import timezone

from dichvucong.catalog.models import OnlineLevel
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.dossiers.statuses import PAYABLE
from dichvucong.payments.models import FeeExemption, Payment, PaymentStatus
from dichvucong.processing.models import CounterPayment


@dataclass
class FeeState:
    """A dossier's fees: what is due, what was paid (online or at the counter), exemptions."""

    state: str  # "none" | "not_requested" | "due" | "paid" | "exempt"
    due: int = 0
    paid: int = 0
    open_payment: Payment | None = None
    exemption: FeeExemption | None = None
    payments: list[Payment] = field(default_factory=list)
    refunds_due: int = 0

    @property
    def is_settled(self) -> bool:
        return self.state in ("none", "paid", "exempt")


def catalog_fee(procedure: Any) -> int:
    """Return the sum of the procedure's fixed fees in đồng."""
    return procedure.fees.aggregate(total=Sum("amount"))["total"] or 0


def _counter_model_paid(dossier: Dossier) -> int:
    """Add the fees the one-stop counter collected (recorded by the back office)."""
    return CounterPayment.objects.filter(dossier=dossier).aggregate(s=Sum("amount"))["s"] or 0


def fee_state(dossier: Dossier) -> FeeState:
    """Return the dossier's fee state, reading payments, exemptions and counter payments."""
    payments = list(dossier.payments.order_by("-created_at", "-id"))
    exemption = FeeExemption.objects.filter(dossier=dossier).first()
    counter = _counter_model_paid(dossier)
    online = sum(
        p.amount for p in payments if p.status == PaymentStatus.PAID and not p.needs_refund
    )
    refunds = sum(p.amount for p in payments if p.status == PaymentStatus.PAID and p.needs_refund)
    base: dict[str, Any] = {
        "paid": online + counter,
        "payments": payments,
        "exemption": exemption,
        "refunds_due": refunds,
    }
    if exemption is not None:
        return FeeState(state="exempt", **base)
    if online:
        return FeeState(state="paid", **base)
    # The latest open attempt, else the latest failed/expired one (the citizen can retry).
    attempt = next(
        (p for p in payments if p.status == PaymentStatus.PENDING), next(iter(payments), None)
    )
    procedure = dossier.procedure
    due = attempt.amount if attempt else (catalog_fee(procedure) or dossier.fee_total)
    if counter and counter >= due:
        return FeeState(state="paid", **base)
    if attempt is not None:
        return FeeState(state="due", due=due, open_payment=attempt, **base)
    if not due:
        return FeeState(state="none", **base)
    # Fully-online procedures are paid online once submitted; others when the officer asks.
    payable = dossier.status == DossierStatus.PAYMENT_REQUESTED or (
        procedure.online_level == OnlineLevel.FULL and dossier.status in PAYABLE
    )
    return FeeState(state="due" if payable else "not_requested", due=due, **base)


def citizen_dossier(user: Any, dossier_id: int | None = None, *, code: str = "") -> Dossier:
    """Return the applicant's own submitted dossier, by id or by code, or 404 (never another's)."""
    lookup = {"code": code} if code else {"pk": dossier_id}
    dossier = (
        Dossier.objects.select_related("procedure", "agency")
        .filter(**lookup, applicant=user, code__isnull=False)
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if dossier is None:
        raise Http404
    return dossier


def citizen_payment(user: Any, order_ref: str) -> Payment:
    """Return one of the applicant's payments by its reference, or 404."""
    payment = (
        Payment.objects.select_related("dossier", "dossier__procedure")
        .filter(order_ref=order_ref, dossier__applicant=user)
        .first()
        if getattr(user, "is_authenticated", False)
        else None
    )
    if payment is None:
        raise Http404
    return payment


def payments_to_reconcile(*, older_than_seconds: int = 120) -> list[Payment]:
    """Return attempts whose gateway result may have drifted: pending ones sent a while ago,
    and attempts superseded in the last day (the citizen may still have paid them)."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    recent = timezone.now() - timedelta(days=1)
    drift = Q(status=PaymentStatus.PENDING) | Q(
        status=PaymentStatus.CANCELLED, started_at__gte=recent, paid_at__isnull=True
    )
    return list(
        Payment.objects.filter(drift, started_at__lt=cutoff)
        .exclude(provider__in=["", "counter", "demo"])
        .order_by("started_at")[:500]
    )
