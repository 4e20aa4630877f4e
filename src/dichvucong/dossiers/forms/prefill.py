"""Declare once: the values a form takes from the citizen's account, the national sign-in
(VNeID/DVCQG) and the national population database, with where each came from and whether
the citizen may correct it (schema keys `prefill` and `editable`, docs/FORM_SCHEMA.md).

A value that may not be corrected is enforced on the server: its field is disabled (Django
keeps the prefilled value whatever is posted) and the submission service takes it again.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.selectors import national_identity_of
from dichvucong.catalog.form_schema import choice_options, prefill_origin
from dichvucong.core.text import fold
from dichvucong.core.vn.phones import display_phone

ORIGIN_LABELS = {
    "account": _("Từ thông tin tài khoản"),
    "identity": _("Từ tài khoản định danh điện tử VNeID"),
    "population": _("Từ CSDL quốc gia về dân cư"),
}
EDITABLE_NOTE = _("Ông/bà có thể sửa nếu thông tin chưa đúng.")
LOCKED_NOTE = _(
    "Không sửa được tại đây; nếu thông tin chưa đúng, vui lòng đề nghị cơ quan quản lý "
    "dữ liệu điều chỉnh."
)


@dataclass(frozen=True)
class Prefill:
    """A prefilled answer (stored form), where it came from, and whether it may be changed."""

    value: object
    origin: str
    editable: bool

    @property
    def label(self) -> str:
        return str(ORIGIN_LABELS[self.origin])

    @property
    def note(self) -> str:
        return str(EDITABLE_NOTE if self.editable else LOCKED_NOTE)


def profile_value(user, name: str):
    """Return one account value in the form's stored shape (None when the account has none)."""
    if name == "address":
        return {
            "province": user.province_code,
            "commune": user.commune_code,
            "line": user.address_line,
        }
    if name == "date_of_birth":
        return user.date_of_birth.isoformat() if user.date_of_birth else None
    if name == "phone":
        return display_phone(user.phone) if user.phone else None
    return getattr(user, name, None) or None


def _fitted(spec: dict, value):
    """Return the value as this row can take it, or None (a choice it does not offer, an
    address without its province and commune)."""
    if spec.get("type") == "choice":
        wanted = fold(str(value)).casefold().strip()
        for code, label in choice_options(spec):
            if wanted in (fold(code).casefold(), fold(label).casefold()):
                return code
        return None
    address = isinstance(value, dict) and value.get("province") and value.get("commune")
    if spec.get("type") == "address" and not address:
        return None
    return value


def prefills(schema: list, *, user=None, record: dict | None = None) -> dict[str, Prefill]:
    """Return {row name: Prefill} for the rows of a valid schema that have a value now.

    `record` is the dossier's population-database answer (`Dossier.population_record`)."""
    record = record if isinstance(record, dict) else {}
    signed_user = user if user is not None and user.is_authenticated else None
    linked = None
    result = {}
    for spec in schema:
        source = spec.get("prefill")
        origin = prefill_origin(source)
        if not origin or not isinstance(spec.get("name"), str):
            continue  # (a broken row of an unchecked schema prefills nothing)
        name = source.partition(".")[2] if origin != "account" else source
        value = None
        if origin == "population":
            value = record.get(name)
        elif origin == "identity" and signed_user is not None:
            if linked is None:
                linked = national_identity_of(signed_user) is not None
            value = profile_value(signed_user, name) if linked else None
        elif origin == "account" and signed_user is not None:
            value = profile_value(signed_user, name)
        if value in (None, "", {}) or (value := _fitted(spec, value)) is None:
            continue
        result[spec["name"]] = Prefill(value, origin, spec.get("editable", True) is not False)
    return result


def national_sources(schema: list, data, *, user=None, record: dict | None = None) -> dict:
    """Return {row name: source label} for the answers that are still the value a national
    system gave (VNeID or the population database), for the pages that show the answers."""
    data = data if isinstance(data, dict) else {}
    return {
        name: prefill.label
        for name, prefill in prefills(schema, user=user, record=record).items()
        if prefill.origin != "account" and data.get(name) == prefill.value
    }
