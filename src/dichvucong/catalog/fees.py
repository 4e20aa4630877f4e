"""The one fee calculation: which fee rows of a procedure a dossier owes, and how many times.

Pure: reads the procedure's fee rows, the submission channel and the form's answers, and
returns a quote. The dossier layer snapshots the quote (`Dossier.fee_total`, `fee_lines`) when
a dossier is opened; everything afterwards reads the snapshot, never the catalog again.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from dichvucong.catalog.models import Fee, FeeChannel, FeeUnit

# The national submission channels (the numbers of dossiers.models.Channel) and the fee rows'
# channel that matches each.
SUBMISSION_CHANNELS = {1: FeeChannel.COUNTER, 2: FeeChannel.ONLINE, 3: FeeChannel.POST}


@dataclass(frozen=True)
class FeeLine:
    """One charged row: its name, the amount per unit, how many units, and what a unit is."""

    name: str
    unit_amount: int
    quantity: int
    unit: str = FeeUnit.DOSSIER

    @property
    def amount(self) -> int:
        return self.unit_amount * self.quantity

    @property
    def unit_label(self) -> str:
        return FeeUnit(self.unit).label if self.unit in FeeUnit.values else self.unit

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "unit_amount": self.unit_amount,
            "quantity": self.quantity,
            "amount": self.amount,
        }

    @classmethod
    def from_dict(cls, row: Mapping[str, Any]) -> "FeeLine":
        return cls(
            name=str(row.get("name", "")),
            unit_amount=int(row.get("unit_amount", row.get("amount", 0)) or 0),
            quantity=int(row.get("quantity", 1) or 0),
            unit=str(row.get("unit", FeeUnit.DOSSIER)),
        )


@dataclass(frozen=True)
class FeeQuote:
    """What a dossier owes: the charged lines and their total, in đồng."""

    lines: tuple[FeeLine, ...] = ()

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)

    def snapshot(self) -> tuple[int, list[dict[str, Any]]]:
        """Return (total, lines as JSON) to store on the dossier."""
        return self.total, [line.as_dict() for line in self.lines]


def _number(value: Any) -> int:
    """Read a form answer as a count: numbers, digit strings and check boxes; else 0."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return max(int(value), 0)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return 0


def row_quantity(row: Fee, data: Mapping[str, Any]) -> int:
    """Return how many times the row is charged for these form answers."""
    if not row.quantity_field:
        return 0 if row.is_optional else 1
    asked = _number(data.get(row.quantity_field))
    if row.unit == FeeUnit.DOSSIER:
        asked = min(asked, 1)
    # "Nếu có yêu cầu": nothing asked, nothing charged; a compulsory row is charged at least once.
    return asked if row.is_optional else max(asked, 1)


def applies_to(row: Fee, channel: str) -> bool:
    """Tell whether the row is charged for a submission through this fee channel."""
    return row.channel in (FeeChannel.ANY, channel)


def quote_rows(
    rows: Iterable[Fee], *, channel: int, data: Mapping[str, Any] | None = None
) -> FeeQuote:
    """Return the quote for these fee rows, a national channel number (1–3) and form answers."""
    fee_channel = SUBMISSION_CHANNELS[int(channel)]
    data = data or {}
    lines = []
    for row in rows:
        if not applies_to(row, fee_channel) or row.amount <= 0:
            continue
        quantity = row_quantity(row, data)
        if quantity > 0:
            lines.append(FeeLine(row.name, row.amount, quantity, row.unit))
    return FeeQuote(tuple(lines))


def fee_quote(*, procedure: Any, channel: int, data: Mapping[str, Any] | None = None) -> FeeQuote:
    """Return what a dossier of this procedure, submitted through `channel`, owes."""
    return quote_rows(procedure.fees.all(), channel=channel, data=data)


def counter_quantities(
    procedure: Any, *, copies: int | None = None, pages: int | None = None
) -> dict[str, int]:
    """Return answers for the procedure's fee quantity fields from the counts an officer types
    at the counter (no online form there): pages for per-page rows, copies for the others."""
    data: dict[str, int] = {}
    for row in procedure.fees.all():
        value = pages if row.unit == FeeUnit.PAGE else copies
        if row.quantity_field and value is not None:
            data[row.quantity_field] = value
    return data


def fee_row_problem(
    *, unit: str, quantity_field: str, is_optional: bool, form_fields: set[str] | None
) -> str | None:
    """Return why a fee row's unit, quantity field and optional flag do not fit, or None.

    `form_fields` are the names of the procedure form's fields (None: it has no form yet).
    """
    if unit != FeeUnit.DOSSIER and not quantity_field:
        return _("Phí tính theo bản hoặc theo trang cần có trường số lượng trên tờ khai.")
    if is_optional and not quantity_field:
        return _("Phí chỉ thu khi có yêu cầu cần có trường số lượng trên tờ khai.")
    if quantity_field and form_fields is not None and quantity_field not in form_fields:
        return _("“%(name)s” không phải là một trường của biểu mẫu điện tử của thủ tục.") % {
            "name": quantity_field
        }
    return None


def national_fee_kind(line: FeeLine) -> str:
    """LoaiPhiLePhi of a fee line in the national systems' messages (the DVCQG payment
    platform, the dossier sync): "LePhi" for a lệ phí, "Phi" for any other charge."""
    return "LePhi" if line.name.strip().lower().startswith("lệ phí") else "Phi"


def national_fee_code(procedure_code: str, position: int) -> str:
    """MaPhiLePhi of the fee line at `position` (from 1) of a procedure's dossier: the
    procedure's code and the line's number (the catalog keeps no national fee codes)."""
    return f"{procedure_code}.{position:02d}"
