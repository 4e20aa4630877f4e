"""Reads for payments: a dossier's attempts, the applicant's own dossiers and payments, and the
attempts to reconcile. What a dossier owes and whether it is settled is dossiers.fees.fee_state."""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from dichvucong.dossiers.models import Dossier
from dichvucong.payments.models import Payment, PaymentStatus


@dataclass
class PaymentRows:
    """A dossier's payment attempts for the fee pages (what is owed and settled: fee_state)."""

    payments: list[Payment] = field(default_factory=list)
    refunds_due: int = 0

    @property
    def open_payment(self) -> Payment | None:
        return next((p for p in self.payments if p.status == PaymentStatus.PENDING), None)


def payment_rows(dossier: Dossier) -> PaymentRows:
    """Return the dossier's payment attempts, newest first, and what must be refunded."""
    payments = list(dossier.payments.order_by("-created_at", "-id"))
    refunds = sum(p.amount for p in payments if p.status == PaymentStatus.PAID and p.needs_refund)
    return PaymentRows(payments=payments, refunds_due=refunds)


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
