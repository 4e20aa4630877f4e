"""Writes for fees: request, start at a gateway, confirm (the only place that marks paid),
reconcile. Exemptions and counter payments are in services_fees.py."""

import logging
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import may_request_fee
from dichvucong.catalog.models import OnlineLevel
from dichvucong.core.audit import audit_log
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.fees import fee_settle, fee_state
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus, SettlementKind
from dichvucong.dossiers.statuses import FEE_STAGE
from dichvucong.payments.models import Payment, PaymentEvent, PaymentPurpose, PaymentStatus
from dichvucong.payments.providers import (
    GatewayNotice,
    IpnResult,
    PaymentGatewayError,
    get_payment_provider,
    provider_enabled,
)
from dichvucong.payments.selectors import payment_rows
from dichvucong.processing.machine import RoleNotAllowed, TransitionNotAllowed
from dichvucong.processing.services import dossier_transition

logger = logging.getLogger(__name__)
OPEN = PaymentStatus.PENDING


class PaymentNotPayable(Exception):
    """The payment is no longer open (already paid, exempted or cancelled)."""


def new_order_ref() -> str:
    """Return a fresh order reference (letters and digits only, as every gateway accepts)."""
    return f"DVC{timezone.localdate():%y%m%d}{secrets.token_hex(5).upper()}"


def record_event(
    payment: Payment,
    kind: str,
    *,
    source: str = "",
    actor: Any = None,
    from_status: str = "",
    data: dict | None = None,
    ip: str | None = None,
) -> None:
    """Append a payment event and its audit row (inside the caller's transaction)."""
    data = data or {}
    PaymentEvent.objects.create(
        payment=payment,
        kind=kind,
        source=source,
        from_status=from_status,
        to_status=payment.status,
        data=data,
    )
    audit_log(
        action=f"payment.{kind}",
        actor=actor,
        target=payment,
        ip_address=ip,
        data={
            "order_ref": payment.order_ref,
            "amount": payment.amount,
            "provider": payment.provider,
            "status": payment.status,
            "source": source,
            **data,
        },
    )


@transaction.atomic
def payment_request(
    *, dossier: Dossier, amount: int | None = None, actor: Any, note: str = ""
) -> Payment:
    """Ask the applicant to pay (at submission, or 4→6 when the officer asks during processing)."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    open_payment = dossier.payments.filter(status=OPEN).first()
    if open_payment is not None:
        return open_payment
    amount = fee_state(dossier).outstanding if amount is None else amount
    if amount <= 0:
        raise ValueError("A payment request needs a positive amount.")
    officer_request = dossier.status in FEE_STAGE
    payment = Payment.objects.create(
        dossier=dossier,
        amount=amount,
        order_ref=new_order_ref(),
        requested_by=actor,
        purpose=PaymentPurpose.OFFICER_REQUEST if officer_request else PaymentPurpose.SUBMISSION,
        # Gateways want order info without tone marks: protocol data, not translated.
        description=f"Thanh toan phi le phi ho so {dossier.code or dossier.pk}",
    )
    record_event(payment, "requested", actor=actor, data={"note": note})
    if dossier.status == DossierStatus.PROCESSING:
        dossier_transition(
            dossier=dossier,
            to=DossierStatus.PAYMENT_REQUESTED,
            actor=actor,
            note=note
            or _("Yêu cầu nộp phí, lệ phí %(amount)s đồng.")
            % {"amount": f"{amount:,}".replace(",", ".")},
            data={"payment": payment.order_ref, "amount": amount},
        )
    return payment


def officer_may_request_payment(dossier: Dossier) -> bool:
    """An officer asks for a fee only while the dossier is being processed (4→6)."""
    return dossier.status == DossierStatus.PROCESSING


@transaction.atomic
def payment_request_by_officer(
    *, dossier: Dossier, amount: int, actor: Any, note: str = ""
) -> Payment:
    """The officer asks the applicant to pay during processing; refused in any other status."""
    if not may_request_fee(actor, dossier):
        raise RoleNotAllowed(
            _("Chỉ chuyên viên hoặc lãnh đạo của cơ quan mới yêu cầu nộp phí, lệ phí.")
        )
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not officer_may_request_payment(locked):
        raise TransitionNotAllowed(_("Chỉ yêu cầu nộp phí, lệ phí khi hồ sơ đang được xử lý."))
    return payment_request(dossier=locked, amount=amount, actor=actor, note=note)


def payment_charge_at_submission(*, dossier: Dossier) -> Payment | None:
    """Open the fee payment of a just-submitted fully-online dossier that owes a fee."""
    if dossier.procedure.online_level != OnlineLevel.FULL or fee_state(dossier).state != "due":
        return None
    earlier = dossier.payments.filter(purpose=PaymentPurpose.SUBMISSION).first()
    return earlier or payment_request(dossier=dossier, actor=dossier.applicant)


def payment_open_due(*, dossier: Dossier, amount: int, actor: Any) -> Payment | None:
    """Open the payment of a fee that is due but has no payment row yet."""
    if dossier.status == DossierStatus.PAYMENT_REQUESTED:
        # The back office asked for the fee (4→6) without going through payment_request.
        return payment_request(dossier=dossier, amount=amount, actor=actor)
    return payment_charge_at_submission(dossier=dossier)


def payment_due(*, dossier: Dossier, actor: Any) -> Payment | None:
    """Return the payment the applicant should pay now (opening it if the fee is due but has
    no row yet), or None when nothing is left to pay."""
    fees = fee_state(dossier)
    if fees.state != "due":
        return None
    return payment_rows(dossier).open_payment or payment_open_due(
        dossier=dossier, amount=fees.outstanding, actor=actor
    )


class PaymentStartInProgress(Exception):
    """Another press is opening this fee's gateway order right now; try again in a moment."""


def _reusable_url(payment: Payment, provider_id: str) -> str | None:
    """Return the pay URL of an order still open at this provider, or None."""
    url = payment.start_data.get("pay_url")
    window = timedelta(minutes=settings.PAYMENT_EXPIRE_MINUTES) - timedelta(minutes=1)
    fresh = payment.started_at is not None and payment.started_at > timezone.now() - window
    return url if url and fresh and payment.provider == provider_id else None


def _start_in_flight(payment: Payment, provider_id: str) -> bool:
    """Tell whether another request is registering this order at the gateway now."""
    if payment.provider != provider_id or payment.start_data.get("pay_url"):
        return False
    if payment.start_data.get("start_failed"):
        return False
    limit = timedelta(seconds=settings.PAYMENT_HTTP_TIMEOUT_SECONDS + 5)
    return payment.started_at is not None and payment.started_at > timezone.now() - limit


def _open_attempt(payment_id: int, provider_id: str, actor: Any) -> tuple[Payment, str | None]:
    """Under the dossier's row lock, return (the fee's open order, its pay URL) when it can be
    reused, else (a fresh attempt, None): one open gateway order per fee at a time."""
    with transaction.atomic():
        dossier_id = Payment.objects.values_list("dossier_id", flat=True).get(pk=payment_id)
        # Every start for this dossier queues here, so two presses cannot both open an order.
        dossier = Dossier.objects.select_for_update().get(pk=dossier_id)
        payment = Payment.objects.get(pk=payment_id)
        if fee_state(dossier).is_settled:
            raise PaymentNotPayable(payment.order_ref)
        current = (
            dossier.payments.select_for_update()
            .filter(status=OPEN, purpose=payment.purpose)
            .order_by("-started_at", "-id")
            .first()
        ) or payment
        if current.status == OPEN and current.started_at is not None:
            if url := _reusable_url(current, provider_id):
                return current, url
            if _start_in_flight(current, provider_id):
                raise PaymentStartInProgress(current.order_ref)
            # Another provider, or the gateway's window is over: this order is replaced.
            # It can still be paid elsewhere (another tab): confirmation accepts it and flags
            # any double payment for refund.
            current.status = PaymentStatus.CANCELLED
            current.save(update_fields=["status", "updated_at"])
            record_event(current, "superseded", actor=actor, from_status=OPEN)
        if current.status != OPEN:
            current = Payment.objects.create(
                dossier=dossier,
                purpose=payment.purpose,
                amount=payment.amount,
                description=payment.description,
                requested_by=payment.requested_by,
                order_ref=new_order_ref(),
            )
        current.provider, current.started_at = provider_id, timezone.now()
        current.save(update_fields=["provider", "started_at", "updated_at"])
        record_event(current, "started", actor=actor)
    return current, None


def payment_start(
    *,
    payment: Payment,
    provider_id: str,
    return_url: str,
    ipn_url: str,
    client_ip: str = "",
    actor: Any = None,
) -> str:
    """Open an order at the provider (or reuse the fee's open one) and return the URL to send
    the citizen to; raise PaymentStartInProgress while another press is opening it."""
    if not provider_enabled(provider_id):
        raise ValueError(f"Payment provider {provider_id!r} is not enabled")
    provider = get_payment_provider(provider_id)
    attempt, reused_url = _open_attempt(payment.pk, provider_id, actor)
    if reused_url:
        return reused_url
    try:
        url = provider.start(
            payment=attempt, return_url=return_url, ipn_url=ipn_url, client_ip=client_ip
        )
    except PaymentGatewayError as exc:
        with transaction.atomic():
            failed = attempt.start_data | {"start_failed": True}
            Payment.objects.filter(pk=attempt.pk).update(start_data=failed)
            record_event(attempt, "start_failed", actor=actor, data={"error": str(exc)[:300]})
        raise
    with transaction.atomic():
        start_data = attempt.start_data | {"pay_url": url}
        Payment.objects.filter(pk=attempt.pk).update(start_data=start_data)
        record_event(attempt, "redirected", actor=actor, data={"url": url[:200]})
    return url


def payment_reject_notice(
    *, provider_id: str, reason: str, data: dict[str, Any], ip: str | None = None
) -> None:
    """Record a notification that failed verification (nothing else changes)."""
    audit_log(
        action="payment.ipn_rejected",
        ip_address=ip,
        data={
            "provider": provider_id,
            "reason": reason,
            "data": {k: str(v)[:200] for k, v in list(data.items())[:40]},
        },
    )


def payment_confirm_from_ipn(
    *,
    provider_id: str,
    notice: GatewayNotice,
    source: str = "ipn",
    actor: Any = None,
    ip: str | None = None,
) -> IpnResult:
    """Apply a verified gateway result: the only place a payment becomes paid; idempotent."""
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(order_ref=notice.order_ref, provider=provider_id)
            .first()
        )
        if payment is None:
            payment_reject_notice(
                provider_id=provider_id, reason="order_not_found", data=notice.raw, ip=ip
            )
            return IpnResult.NOT_FOUND
        if notice.amount != payment.amount:
            record_event(
                payment,
                "amount_mismatch",
                source=source,
                ip=ip,
                data={"notified_amount": notice.amount},
            )
            return IpnResult.INVALID_AMOUNT
        if payment.status in (PaymentStatus.PAID, PaymentStatus.FAILED):
            record_event(
                payment, "duplicate_notice", source=source, ip=ip, data={"success": notice.success}
            )
            return IpnResult.ALREADY_CONFIRMED
        before = payment.status
        payment.last_ipn = notice.raw
        payment.gateway_txn_no = notice.txn_no[:64]
        if notice.success:
            _mark_paid(payment)
        else:
            payment.status = PaymentStatus.FAILED
            payment.save()
        record_event(
            payment,
            "paid" if notice.success else "failed",
            source=source,
            actor=actor,
            from_status=before,
            ip=ip,
            data={
                "txn_no": notice.txn_no,
                "message": notice.message,
                "needs_refund": payment.needs_refund,
            },
        )
    return IpnResult.CONFIRMED


def _mark_paid(payment: Payment) -> None:
    from dichvucong.payments.tasks import issue_receipt

    payment.status, payment.paid_at = PaymentStatus.PAID, timezone.now()
    dossier = Dossier.objects.select_for_update().get(pk=payment.dossier_id)
    # Paid again in another tab, or after the fee was settled or waived: refund it.
    payment.needs_refund = fee_state(dossier).is_settled
    payment.save()
    enqueue_on_commit(issue_receipt, payment.pk)
    if payment.needs_refund:
        return
    fee_settle(
        dossier=dossier,
        kind=SettlementKind.ONLINE,
        amount=payment.amount,
        reference=payment.order_ref,
    )
    cancel_open_payments(dossier, reason="settled")
    DossierEvent.objects.create(
        dossier=dossier,
        action="fee_paid",
        note=_("Đã nộp phí, lệ phí %(amount)s đồng.")
        % {"amount": f"{payment.amount:,}".replace(",", ".")},
        data={"payment": payment.order_ref, "provider": payment.provider},
    )
    if (
        payment.purpose == PaymentPurpose.OFFICER_REQUEST
        and dossier.status == DossierStatus.PAYMENT_REQUESTED
    ):
        dossier_transition(
            dossier=dossier,
            to=DossierStatus.PROCESSING,
            actor=None,
            note=_("Công dân đã thực hiện nghĩa vụ tài chính."),
            data={"payment": payment.order_ref},
        )


def cancel_open_payments(dossier: Dossier, *, reason: str, actor: Any = None) -> None:
    """Close the dossier's open payments (fee settled or waived), one logged event each."""
    for payment in dossier.payments.select_for_update().filter(status=OPEN):
        payment.status = PaymentStatus.CANCELLED
        payment.save(update_fields=["status", "updated_at"])
        record_event(payment, "cancelled", actor=actor, from_status=OPEN, data={"reason": reason})


def payment_reconcile(*, payment: Payment) -> str:
    """Ask the gateway about a pending payment and fix any drift; return the outcome."""
    provider = get_payment_provider(payment.provider)
    try:
        answer = provider.query(payment=payment)
    except PaymentGatewayError as exc:
        logger.warning("Reconciling %s failed: %s", payment.order_ref, exc)
        return "gateway_error"
    if answer.notice is not None and answer.state in ("paid", "failed"):
        result = payment_confirm_from_ipn(
            provider_id=payment.provider, notice=answer.notice, source="reconcile"
        )
        return answer.state if result is IpnResult.CONFIRMED else result.value
    expired_before = timezone.now() - timedelta(minutes=settings.PAYMENT_EXPIRE_MINUTES * 2)
    stale = payment.started_at is not None and payment.started_at < expired_before
    if answer.state in ("not_found", "pending") and stale:
        with transaction.atomic():
            locked = Payment.objects.select_for_update().get(pk=payment.pk)
            if locked.status == OPEN:
                locked.status = PaymentStatus.EXPIRED
                locked.save(update_fields=["status", "updated_at"])
                record_event(locked, "expired", source="reconcile", from_status=OPEN)
                return "expired"
    return answer.state
