"""Officer-side fee writes: exemptions and fees collected at the counter."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dichvucong.core.audit import audit_log
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus
from dichvucong.payments import dossier_flow
from dichvucong.payments.models import FeeExemption, Payment, PaymentPurpose
from dichvucong.payments.providers import GatewayNotice, IpnResult
from dichvucong.payments.services import (
    cancel_open_payments,
    catalog_fee,
    new_order_ref,
    payment_confirm_from_ipn,
    record_event,
)

COUNTER = "counter"


class FeeAlreadySettled(Exception):
    """The dossier's fee was already paid or waived."""


@transaction.atomic
def fee_exempt(*, dossier: Dossier, actor: Any, reason: str,
               amount: int | None = None) -> FeeExemption:
    """Record the officer's decision to waive the dossier's fee, with the reason."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if hasattr(dossier, "fee_exemption"):
        raise FeeAlreadySettled(dossier.code)
    open_amount = dossier.payments.filter(status="pending").values_list("amount", flat=True)
    amount = amount if amount is not None else (next(iter(open_amount), None)
                                                or catalog_fee(dossier.procedure))
    exemption = FeeExemption.objects.create(dossier=dossier, officer=actor,
                                            reason=reason.strip(), amount=amount)
    cancel_open_payments(dossier, reason="exempted", actor=actor)
    DossierEvent.objects.create(dossier=dossier, actor=actor, action="fee_exempted",
                                note=_("Được miễn phí, lệ phí: %(reason)s") % {"reason": reason})
    audit_log(action="payment.fee_exempted", actor=actor, target=dossier,
              data={"reason": reason, "amount": amount})
    if dossier.status == DossierStatus.PAYMENT_REQUESTED:
        dossier_flow.transition(dossier=dossier, to=DossierStatus.PROCESSING, actor=actor,
                                note=_("Miễn phí, lệ phí."), data={"exemption": exemption.pk})
    return exemption


def payment_record_counter(*, dossier: Dossier, amount: int, actor: Any,
                           receipt_no: str = "") -> Payment:
    """Record a fee the officer collected in cash at the counter (provider "counter")."""
    if amount <= 0:
        raise ValueError("amount must be positive")
    with transaction.atomic():
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if hasattr(dossier, "fee_exemption"):
            raise FeeAlreadySettled(dossier.code)
        open_payment = dossier.payments.filter(status="pending").first()
        purpose = open_payment.purpose if open_payment else PaymentPurpose.COUNTER
        payment = Payment.objects.create(
            dossier=dossier, purpose=purpose, provider=COUNTER, amount=amount,
            order_ref=new_order_ref(), requested_by=actor,
            description=_("Nộp tại Bộ phận Một cửa"))
        record_event(payment, "requested", source=COUNTER, actor=actor,
                     data={"receipt_no": receipt_no})
        notice = GatewayNotice(order_ref=payment.order_ref, amount=amount, success=True,
                               txn_no=receipt_no, raw={"receipt_no": receipt_no,
                                                       "officer": actor.pk})
        result = payment_confirm_from_ipn(provider_id=COUNTER, notice=notice, source=COUNTER,
                                          actor=actor)
        if result is not IpnResult.CONFIRMED:
            raise FeeAlreadySettled(dossier.code)
    payment.refresh_from_db()
    return payment
