"""A procedure's online form (`Procedure.form_schema`) as data: its field types and its check.

This is the schema half of the field-type registry: for each type, the keys a row of that type
may carry and the check of those keys. The other half (the Django form field built for a type,
and how its answer is shown) lives in `dossiers.forms.registry`, keyed by the same names; a
system check there refuses a type that has one half only. Format: `docs/FORM_SCHEMA.md`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Keys every row may carry, whatever its type.
COMMON_KEYS = frozenset(
    {"name", "label", "type", "required", "section", "help", "prefill", "editable"}
)
# A stored answer of an address is split into sub-fields "<name>__province" etc.
SUB = "__"
# Where a prefilled value comes from, and the types that can take it. A plain name reads the
# citizen's account; "identity.<x>" the account's data as the national sign-in (VNeID/DVCQG)
# vouched for it; "population.<x>" the national population database (dossiers.population).
_TEXT = ("text",)
_ID = ("id_number", "text")
_CHOICE = ("choice", "text")
PREFILL_SOURCES: dict[str, tuple[str, ...]] = {
    "full_name": _TEXT,
    "id_number": _ID,
    "phone": ("phone", "text"),
    "email": ("email", "text"),
    "date_of_birth": ("date",),
    "address": ("address",),
    "identity.full_name": _TEXT,
    "identity.id_number": _ID,
    "identity.date_of_birth": ("date",),
    "population.full_name": _TEXT,
    "population.id_number": _ID,
    "population.old_id_number": _TEXT,
    "population.gender": _CHOICE,
    "population.date_of_birth": ("date",),
    "population.ethnicity": ("ethnicity", *_CHOICE),
    "population.religion": _CHOICE,
    "population.marital_status": _CHOICE,
    "population.nationality": ("nationality", *_TEXT),
    "population.birth_place": ("address",),
    "population.native_place": ("address",),
    "population.permanent_address": ("address",),
    "population.current_address": ("address",),
    "population.household_book_number": _TEXT,
    "population.household_head_name": _TEXT,
    "population.household_head_relation": _TEXT,
    "population.father_name": _TEXT,
    "population.mother_name": _TEXT,
    "population.spouse_name": _TEXT,
}
PREFILL_LABELS = {
    "full_name": gettext_lazy("Họ và tên"),
    "id_number": gettext_lazy("Số định danh cá nhân"),
    "phone": gettext_lazy("Số điện thoại"),
    "email": gettext_lazy("Thư điện tử"),
    "date_of_birth": gettext_lazy("Ngày sinh"),
    "address": gettext_lazy("Địa chỉ"),
    "identity.full_name": gettext_lazy("VNeID: họ và tên"),
    "identity.id_number": gettext_lazy("VNeID: số định danh cá nhân"),
    "identity.date_of_birth": gettext_lazy("VNeID: ngày sinh"),
    "population.full_name": gettext_lazy("CSDL dân cư: họ và tên"),
    "population.id_number": gettext_lazy("CSDL dân cư: số định danh cá nhân"),
    "population.old_id_number": gettext_lazy("CSDL dân cư: số CMND cũ"),
    "population.gender": gettext_lazy("CSDL dân cư: giới tính"),
    "population.date_of_birth": gettext_lazy("CSDL dân cư: ngày sinh"),
    "population.ethnicity": gettext_lazy("CSDL dân cư: dân tộc"),
    "population.religion": gettext_lazy("CSDL dân cư: tôn giáo"),
    "population.marital_status": gettext_lazy("CSDL dân cư: tình trạng hôn nhân"),
    "population.nationality": gettext_lazy("CSDL dân cư: quốc tịch"),
    "population.birth_place": gettext_lazy("CSDL dân cư: nơi đăng ký khai sinh"),
    "population.native_place": gettext_lazy("CSDL dân cư: quê quán"),
    "population.permanent_address": gettext_lazy("CSDL dân cư: nơi thường trú"),
    "population.current_address": gettext_lazy("CSDL dân cư: nơi ở hiện tại"),
    "population.household_book_number": gettext_lazy("CSDL dân cư: số sổ hộ khẩu"),
    "population.household_head_name": gettext_lazy("CSDL dân cư: họ tên chủ hộ"),
    "population.household_head_relation": gettext_lazy("CSDL dân cư: quan hệ với chủ hộ"),
    "population.father_name": gettext_lazy("CSDL dân cư: họ tên cha"),
    "population.mother_name": gettext_lazy("CSDL dân cư: họ tên mẹ"),
    "population.spouse_name": gettext_lazy("CSDL dân cư: họ tên vợ/chồng"),
}


def prefill_origin(source) -> str:
    """Return where a prefill source reads: "account", "identity" or "population" ("" if none)."""
    if not isinstance(source, str) or not source:
        return ""
    origin, dot, _name = source.partition(".")
    return origin if dot else "account"


MAX_TEXT = 5000

Check = Callable[[dict], list[str]]


@dataclass(frozen=True)
class FieldType:
    """One kind of form field: its name in the schema, its label and its own keys."""

    name: str
    label: object
    keys: frozenset = frozenset()
    check: Check | None = None


def _integer(row: dict, key: str, low: int | None = None, high: int | None = None) -> list[str]:
    value = row.get(key)
    if value is None:
        return []
    if isinstance(value, bool) or not isinstance(value, int):
        return [_("“%(key)s” phải là một số nguyên.") % {"key": key}]
    if (low is not None and value < low) or (high is not None and value > high):
        return [
            _("“%(key)s” phải từ %(low)s đến %(high)s.")
            % {"key": key, "low": low if low is not None else "…", "high": high or "…"}
        ]
    return []


def _check_text(row: dict) -> list[str]:
    return _integer(row, "max_length", 1, MAX_TEXT)


def _check_number(row: dict) -> list[str]:
    problems = _integer(row, "min") + _integer(row, "max")
    low, high = row.get("min"), row.get("max")
    if not problems and low is not None and high is not None and low > high:
        problems.append(_("“min” không được lớn hơn “max”."))
    return problems


def _check_date(row: dict) -> list[str]:
    if "past" in row and not isinstance(row["past"], bool):
        return [_("“past” phải là true hoặc false.")]
    return []


def choice_options(row: dict) -> list[tuple[str, str]]:
    """Return a choice row's (value, label) pairs; a plain string is both value and label."""
    options = []
    for item in row.get("choices") or []:
        if isinstance(item, str):
            options.append((item, item))
        elif isinstance(item, dict):
            options.append((str(item.get("value", "")), str(item.get("label", ""))))
    return options


def _check_choice(row: dict) -> list[str]:
    choices = row.get("choices")
    if not isinstance(choices, list) or not choices:
        return [_("loại “choice” cần danh sách lựa chọn “choices” khác rỗng.")]
    problems, seen = [], set()
    for number, item in enumerate(choices, start=1):
        if isinstance(item, dict):
            value, label = item.get("value"), item.get("label")
            well_formed = set(item) <= {"value", "label"}
        else:
            value = label = item
            well_formed = True
        if not (well_formed and isinstance(value, str) and value.strip()):
            problems.append(
                _(
                    "lựa chọn thứ %(n)d phải là một chuỗi hoặc một đối tượng "
                    "{“value”, “label”} khác rỗng."
                )
                % {"n": number}
            )
        elif not (isinstance(label, str) and label.strip()):
            problems.append(_("lựa chọn thứ %(n)d thiếu nhãn “label”.") % {"n": number})
        elif value in seen:
            problems.append(_("lựa chọn “%(value)s” bị lặp.") % {"value": value})
        else:
            seen.add(value)
    return problems


_TYPES = (
    FieldType("text", gettext_lazy("Chữ (một dòng)"), frozenset({"max_length"}), _check_text),
    FieldType("textarea", gettext_lazy("Đoạn văn"), frozenset({"max_length"}), _check_text),
    FieldType("number", gettext_lazy("Số nguyên"), frozenset({"min", "max"}), _check_number),
    FieldType("date", gettext_lazy("Ngày (dd/mm/yyyy)"), frozenset({"past"}), _check_date),
    FieldType("choice", gettext_lazy("Chọn một"), frozenset({"choices"}), _check_choice),
    FieldType("checkbox", gettext_lazy("Ô đánh dấu (Có/Không)")),
    FieldType("id_number", gettext_lazy("Số định danh cá nhân (CCCD)")),
    FieldType("phone", gettext_lazy("Số điện thoại di động")),
    FieldType("email", gettext_lazy("Thư điện tử")),
    FieldType("address", gettext_lazy("Địa chỉ (tỉnh, xã, số nhà)")),
    FieldType("ethnicity", gettext_lazy("Dân tộc (danh mục 54 dân tộc)")),
    FieldType("nationality", gettext_lazy("Quốc tịch (danh mục quốc gia)")),
)
# The registry: a new field type is one entry here and one in dossiers.forms.registry.
FIELD_TYPES: dict[str, FieldType] = {t.name: t for t in _TYPES}


def row_problems(row, *, seen: set[str] | None = None) -> list[str]:
    """Return what is wrong with one row of a schema (Vietnamese, without the row's number)."""
    if not isinstance(row, dict):
        return [_("mỗi dòng phải là một đối tượng JSON.")]
    problems = []
    name, kind = row.get("name"), row.get("type")
    if not isinstance(name, str) or not name.isidentifier() or SUB in name:
        problems.append(
            _("mã trường “name” phải gồm chữ không dấu, chữ số và dấu gạch dưới (không có “__”).")
        )
    elif seen is not None:
        if name in seen:
            problems.append(_("mã trường “%(name)s” bị trùng.") % {"name": name})
        seen.add(name)
    if not isinstance(row.get("label"), str) or not row["label"].strip():
        problems.append(_("thiếu nhãn “label”."))
    field_type = FIELD_TYPES.get(kind) if isinstance(kind, str) else None
    if field_type is None:
        problems.append(
            _("loại trường “%(type)s” không có; các loại được hỗ trợ: %(types)s.")
            % {"type": kind if kind is not None else "", "types": ", ".join(FIELD_TYPES)}
        )
    for key in ("section", "help"):
        if key in row and not isinstance(row[key], str):
            problems.append(_("“%(key)s” phải là một chuỗi.") % {"key": key})
    if "required" in row and not isinstance(row["required"], bool):
        problems.append(_("“required” phải là true hoặc false."))
    if field_type is None:
        return problems
    unknown = sorted(set(row) - COMMON_KEYS - field_type.keys)
    if unknown:
        problems.append(
            _("khóa không dùng được với loại “%(type)s”: %(keys)s.")
            % {"type": kind, "keys": ", ".join(unknown)}
        )
    prefill = row.get("prefill")
    if prefill not in (None, ""):
        if prefill not in PREFILL_SOURCES:
            problems.append(
                _("nguồn điền sẵn “%(source)s” không có; các nguồn: %(sources)s.")
                % {"source": prefill, "sources": ", ".join(PREFILL_SOURCES)}
            )
        elif kind not in PREFILL_SOURCES[prefill]:
            problems.append(
                _("nguồn điền sẵn “%(source)s” không dùng được cho loại “%(type)s”.")
                % {"source": prefill, "type": kind}
            )
    if "editable" in row:
        if not isinstance(row["editable"], bool):
            problems.append(_("“editable” phải là true hoặc false."))
        elif row["editable"] is False and prefill in (None, ""):
            problems.append(_("“editable”: false chỉ dùng cho trường có nguồn điền sẵn “prefill”."))
    if field_type.check is not None:
        problems.extend(field_type.check(row))
    return problems


def row_title(number: int, row) -> str:
    """Return how a problem names a row: its number, and its label or name when it has one."""
    title = _("Dòng %(n)d") % {"n": number}
    if isinstance(row, dict):
        shown = row.get("label") or row.get("name")
        if isinstance(shown, str) and shown.strip():
            title += f" («{shown.strip()}»)"
    return title


def validate_form_schema(schema) -> list[str]:
    """Return every problem of a whole form schema in Vietnamese (empty when it is valid)."""
    if schema in (None, ""):
        return []
    if not isinstance(schema, list):
        return [_("Biểu mẫu điện tử phải là một danh sách các trường.")]
    seen: set[str] = set()
    problems = []
    for number, row in enumerate(schema, start=1):
        title = row_title(number, row)
        problems.extend(f"{title}: {p}" for p in row_problems(row, seen=seen))
    return problems
