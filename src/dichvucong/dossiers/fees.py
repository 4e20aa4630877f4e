"""The one answer to "what does this dossier owe and has it been settled" (fee_state), and the
ledger writes every settlement goes through (an online payment confirmed by the gateway, a
payment at the counter, an exemption). Every layer from dossiers up asks here; nothing infers
payment from history entries or sums payment rows of its own."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from dichvucong.catalog.fees import FeeLine
from dichvucong.catalog.models import OnlineLevel
from dichvucong.dossiers.models import (
    Dossier,
    DossierStatus,
    FeeSettlement,
    ResultDelivery,
    SettlementKind,
)
from dichvucong.dossiers.statuses import PAYABLE


@dataclass(frozen=True)
class FeeState:
    """A dossier's fees: the snapshot owed, what was paid and waived, and the state.

    state: "none" (nothing owed) | "not_requested" (owed, paid at the counter or when asked)
    | "due" (payable online now) | "paid" | "exempt".
    """

    state: str
    total: int = 0
    paid: int = 0
    waived: int = 0
    lines: tuple[FeeLine, ...] = ()
    exemption_note: str = ""
    # Postage of a result sent by post: collected by the postman on delivery ("thu khi nhận"),
    # never part of `total` nor paid online (docs/PAYMENTS.md).
    postage_on_delivery: int = 0

    @property
    def outstanding(self) -> int:
        """Return what is still owed in đồng (0 once settled)."""
        return max(self.total - self.paid - self.waived, 0)

    @property
    def due(self) -> int:
        return self.outstanding

    @property
    def is_settled(self) -> bool:
        return self.state in ("none", "paid", "exempt")

    @property
    def postage_note(self) -> str:
        """Return the sentence that tells how the postage is paid ("" when not by post)."""
        return postage_note(self.postage_on_delivery) if self.postage_on_delivery else ""


def postage_note(amount: int) -> str:
    """Return the one wording of the postage rule: paid to the postman on delivery."""
    money = f"{amount:,}".replace(",", ".")
    return _(
        "Cước bưu chính %(amount)s đồng do nhân viên bưu điện thu khi giao kết quả (thu khi "
        "nhận), không cộng vào phí, lệ phí nộp trực tuyến."
    ) % {"amount": money}


def fee_lines(dossier: Dossier) -> tuple[FeeLine, ...]:
    """Return the dossier's snapshotted fee lines."""
    rows = dossier.fee_lines if isinstance(dossier.fee_lines, list) else []
    return tuple(FeeLine.from_dict(row) for row in rows if isinstance(row, dict))


def _payable(dossier: Dossier) -> bool:
    """Fully-online procedures are paid online once submitted; others when the officer asks."""
    return dossier.status == DossierStatus.PAYMENT_REQUESTED or (
        dossier.procedure.online_level == OnlineLevel.FULL and dossier.status in PAYABLE
    )


def postage_on_delivery(dossier: Dossier) -> int:
    """Return the postage the postman collects when he delivers the result (0 unless by post)."""
    if dossier.result_delivery != ResultDelivery.POST:
        return 0
    address = dossier.delivery_address if isinstance(dossier.delivery_address, dict) else {}
    try:
        return max(int(address.get("fee") or 0), 0)
    except (TypeError, ValueError):
        return 0


def fee_state(dossier: Dossier) -> FeeState:
    """Return what the dossier owes (its snapshot) and how much of it is settled."""
    paid = waived = 0
    note = ""
    for settlement in dossier.fee_settlements.all():
        if settlement.kind == SettlementKind.EXEMPTION:
            waived += settlement.amount
            note = settlement.note
        else:
            paid += settlement.amount
    base: dict[str, Any] = {
        "total": dossier.fee_total,
        "paid": paid,
        "waived": waived,
        "lines": fee_lines(dossier),
        "exemption_note": note,
        "postage_on_delivery": postage_on_delivery(dossier),
    }
    if dossier.fee_total <= 0 and not waived:
        return FeeState(state="none", **base)
    if paid + waived >= dossier.fee_total:
        return FeeState(state="exempt" if waived else "paid", **base)
    return FeeState(state="due" if _payable(dossier) else "not_requested", **base)


def fee_settle(
    *,
    dossier: Dossier,
    kind: str,
    amount: int,
    reference: str,
    actor: Any = None,
    note: str = "",
) -> FeeSettlement:
    """Record a settled amount of the dossier's fee (inside the caller's transaction);
    recording the same source twice keeps the first row."""
    settlement, _created = FeeSettlement.objects.get_or_create(
        dossier=dossier,
        kind=kind,
        reference=str(reference)[:64],
        defaults={"amount": amount, "recorded_by": actor, "note": note},
    )
    return settlement


def fee_request(*, dossier: Dossier, amount: int) -> None:
    """Apply the officer's request for `amount` (4→6): from now on the dossier owes exactly that
    on top of what is settled. The difference from what was owed is added to the snapshot as
    one adjustment line. Mutates the locked dossier; the caller saves it."""
    amount = int(amount or 0)
    change = amount - fee_state(dossier).outstanding
    if change == 0 or amount <= 0:
        return
    name = (
        _("Nghĩa vụ tài chính theo yêu cầu của cơ quan")
        if change > 0
        else _("Điều chỉnh theo yêu cầu của cơ quan")
    )
    dossier.fee_lines = [*(dossier.fee_lines or []), FeeLine(name, change, 1).as_dict()]
    dossier.fee_total = max(dossier.fee_total + change, 0)
