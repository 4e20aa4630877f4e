"""Officer-side fee writes: exemptions (fees collected at the counter are the back office's:
processing.services.record_counter_payment). Both write the fee ledger that
dossiers.fees.fee_state reads."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import may_waive_fee
from dichvucong.core.audit import audit_log
from dichvucong.dossiers.fees import fee_settle, fee_state
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus, SettlementKind
from dichvucong.payments.models import FeeExemption
from dichvucong.payments.services import cancel_open_payments
from dichvucong.processing.machine import RoleNotAllowed
from dichvucong.processing.services import dossier_transition


class FeeAlreadySettled(Exception):
    """The dossier's fee was already paid or waived."""


@transaction.atomic
def fee_exempt(
    *, dossier: Dossier, actor: Any, reason: str, amount: int | None = None
) -> FeeExemption:
    """Record the officer's decision to waive the dossier's fee, with the reason."""
    if not may_waive_fee(actor, dossier):
        raise RoleNotAllowed(
            _("Chỉ chuyên viên hoặc lãnh đạo của cơ quan mới được miễn phí, lệ phí.")
        )
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    fees = fee_state(dossier)
    if hasattr(dossier, "fee_exemption") or fees.state in ("paid", "exempt"):
        raise FeeAlreadySettled(dossier.code)
    amount = fees.outstanding if amount is None else amount
    exemption = FeeExemption.objects.create(
        dossier=dossier, officer=actor, reason=reason.strip(), amount=amount
    )
    fee_settle(
        dossier=dossier,
        kind=SettlementKind.EXEMPTION,
        amount=amount,
        reference=f"exemption-{exemption.pk}",
        actor=actor,
        note=exemption.reason,
    )
    cancel_open_payments(dossier, reason="exempted", actor=actor)
    DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        action="fee_exempted",
        note=_("Được miễn phí, lệ phí: %(reason)s") % {"reason": reason},
    )
    audit_log(
        action="payment.fee_exempted",
        actor=actor,
        target=dossier,
        data={"reason": reason, "amount": amount},
    )
    if dossier.status == DossierStatus.PAYMENT_REQUESTED:
        # The machine lets the system (not a specialist) confirm fees; the officer who decided
        # is in the exemption row, the history entry above and the audit log.
        dossier_transition(
            dossier=dossier,
            to=DossierStatus.PROCESSING,
            actor=None,
            note=_("Miễn phí, lệ phí."),
            data={"exemption": exemption.pk, "officer": actor.pk},
        )
    return exemption
