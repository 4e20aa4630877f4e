"""Counter work: walk-in dossiers, comparing originals, fees collected at the counter."""

import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import may_collect_fee, may_receive, may_record_originals
from dichvucong.core.audit import audit_log
from dichvucong.dossiers.counter_visit import needs_originals_at_counter
from dichvucong.dossiers.fees import fee_settle, fee_state
from dichvucong.dossiers.models import (
    Channel,
    Dossier,
    DossierEvent,
    ResultDelivery,
    SettlementKind,
)
from dichvucong.dossiers.services.opening import dossier_open
from dichvucong.processing.machine import RoleNotAllowed, TransitionError
from dichvucong.processing.models import CounterPayment


def _require(allowed: bool) -> None:
    if not allowed:
        raise RoleNotAllowed(_("Chỉ cán bộ một cửa của cơ quan mới làm được việc này."))


def counter_create_dossier(
    *,
    actor,
    agency,
    procedure,
    applicant: dict[str, str],
    form_data: dict[str, Any] | None = None,
    result_delivery: str = "counter",
    ip_address: str | None = None,
) -> Dossier:
    """Register a walk-in citizen's paper dossier as received (channel 1)."""
    _require(may_receive(actor, agency))
    if not procedure.agencies.filter(pk=agency.pk).exists():
        raise TransitionError(_("Cơ quan này không giải quyết thủ tục đã chọn."))
    if not applicant.get("name", "").strip():
        raise TransitionError(_("Vui lòng nhập họ tên người nộp."))
    with transaction.atomic():
        dossier = Dossier(
            procedure=procedure,
            agency=agency,
            form_data=form_data or {},
            result_delivery=result_delivery,
            idempotency_key=uuid.uuid4(),
        )
        event = dossier_open(
            dossier=dossier,
            actor=actor,
            channel=Channel.COUNTER,
            moment=timezone.now(),
            applicant_details=applicant,
            ip_address=ip_address,
        )
        from dichvucong.processing.effects import schedule_effects

        schedule_effects(dossier=dossier, event=event)
    return dossier


def needs_counter_checks(dossier: Dossier) -> bool:
    """Tell whether originals must be compared at the counter before handing over."""
    return needs_originals_at_counter(dossier)


def awaits_postal_delivery(dossier: Dossier) -> bool:
    """Tell whether the result goes by post and the post has not yet reported it delivered.

    Such a dossier is returned (9 → 10) by the post's "delivered" report, never by a click."""
    if dossier.result_delivery != ResultDelivery.POST:
        return False
    return not dossier.shipments.filter(delivered_at__isnull=False).exists()


def check_ready_to_hand_over(dossier: Dossier) -> None:
    """Refuse to hand over at the counter a result whose fees are not settled (paid or waived,
    as fee_state says), or a partly online one whose originals were not compared. A result
    sent by post is returned only once the post reports it delivered; it is not held for fees
    (postage and any fee still owed are collected by the postman on delivery)."""
    if awaits_postal_delivery(dossier):
        raise TransitionError(
            _(
                "Kết quả được trả qua bưu chính: hồ sơ chuyển sang “Đã trả kết quả” khi bưu điện "
                "báo đã giao. Hãy dùng “Trả kết quả qua bưu chính”."
            )
        )
    if needs_counter_checks(dossier) and dossier.originals_checked_at is None:
        raise TransitionError(_("Cần đối chiếu bản gốc trước khi trả kết quả."))
    if dossier.result_delivery == ResultDelivery.COUNTER and not fee_state(dossier).is_settled:
        raise TransitionError(_("Cần thu đủ phí, lệ phí trước khi trả kết quả."))


def record_originals_checked(
    *, dossier: Dossier, actor, note: str = "", ip_address: str | None = None
) -> Dossier:
    """Record that the officer compared the originals with the uploaded copies."""
    _require(may_record_originals(actor, dossier))
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        locked.originals_checked_at = timezone.now()
        locked.save(update_fields=["originals_checked_at", "updated_at"])
        DossierEvent.objects.create(
            dossier=locked, actor=actor, action="originals_checked", note=note, is_public=False
        )
        audit_log(
            action="dossier.originals_checked", actor=actor, target=locked, ip_address=ip_address
        )
    return locked


def record_counter_payment(
    *,
    dossier: Dossier,
    actor,
    amount: int,
    method: str,
    receipt_number: str,
    ip_address: str | None = None,
) -> CounterPayment:
    """Record a fee collected at the counter with its receipt number."""
    _require(may_collect_fee(actor, dossier))
    if amount <= 0 or not receipt_number.strip():
        raise TransitionError(_("Vui lòng nhập số tiền và số biên lai."))
    with transaction.atomic():
        payment = CounterPayment.objects.create(
            dossier=dossier,
            amount=amount,
            method=method,
            receipt_number=receipt_number.strip(),
            collected_by=actor,
        )
        fee_settle(
            dossier=dossier,
            kind=SettlementKind.COUNTER,
            amount=amount,
            reference=f"counter-payment-{payment.pk}",
            actor=actor,
            note=payment.receipt_number,
        )
        DossierEvent.objects.create(
            dossier=dossier,
            actor=actor,
            action="counter_payment",
            is_public=True,
            note=_("Thu %(amount)s đồng, biên lai số %(number)s")
            % {"amount": f"{amount:,}".replace(",", "."), "number": payment.receipt_number},
            data={"amount": amount, "method": method, "receipt_number": payment.receipt_number},
        )
        audit_log(
            action="dossier.counter_payment",
            actor=actor,
            target=dossier,
            data={"amount": amount, "method": method, "receipt_number": payment.receipt_number},
            ip_address=ip_address,
        )
    return payment
