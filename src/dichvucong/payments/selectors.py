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
from dichvucong.payments.providers import PAYMENT_PROVIDER_CLASSES, get_payment_provider


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
    and attempts superseded in the last day (the citizen may still have paid them), at the
    gateways still registered."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    recent = timezone.now() - timedelta(days=1)
    drift = Q(status=PaymentStatus.PENDING) | Q(
        status=PaymentStatus.CANCELLED, started_at__gte=recent, paid_at__isnull=True
    )
    return list(
        Payment.objects.filter(drift, started_at__lt=cutoff)
        .filter(provider__in=[pid for pid in PAYMENT_PROVIDER_CLASSES if pid != "demo"])
        .order_by("started_at")[:500]
    )


def online_payment_channel(dossier: Dossier) -> int:
    """DVCQG's DuocThanhToanTrucTuyen for the dossier: 1 when a fee was paid online on the
    national platform, 2 through the province's own gateway, 0 when nothing was paid online."""
    providers = dossier.payments.filter(status=PaymentStatus.PAID).values_list(
        "provider", flat=True
    )
    channels = {
        get_payment_provider(provider_id).national_channel
        for provider_id in providers
        if provider_id in PAYMENT_PROVIDER_CLASSES
    }
    return min(channels, default=0)
