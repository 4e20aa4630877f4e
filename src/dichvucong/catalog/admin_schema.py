"""The admin's editor of a procedure's online form: one block of inputs per row, checked on save.

The rows are serialised into `Procedure.form_schema` and checked by
`catalog.form_schema.validate_form_schema`, so a typo cannot be saved and the officer reads
which row is wrong. Choices are typed one per line, as "label" or "code | label".
"""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.form_schema import (
    COMMON_KEYS,
    FIELD_TYPES,
    PREFILL_LABELS,
    row_problems,
    validate_form_schema,
)
from dichvucong.catalog.models import Procedure

TEXT_KEYS = ("name", "label", "section", "help")
NUMBER_KEYS = ("max_length", "min", "max")
EDITED_KEYS = {*COMMON_KEYS, *NUMBER_KEYS, "choices", "past"}
BLANK_ROWS = 3
FUTURE = "0"  # the "past" select: a date that may lie in the future


def choices_text(choices) -> str:
    """Return stored choices as the editor's lines ("label" or "code | label")."""
    if isinstance(choices, str):
        return choices
    lines = []
    for item in choices or []:
        if isinstance(item, dict):
            value, label = str(item.get("value", "")), str(item.get("label", ""))
            lines.append(value if value == label else f"{value} | {label}")
        else:
            lines.append(str(item))
    return "\n".join(lines)


def parse_choices(text: str) -> list:
    """Return the editor's lines as schema choices (a string, or {value, label})."""
    choices = []
    for line in text.splitlines():
        if not line.strip():
            continue
        value, bar, label = line.partition("|")
        if bar:
            choices.append({"value": value.strip(), "label": label.strip()})
        else:
            choices.append(line.strip())
    return choices


def _number(text: str):
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        return text  # kept as typed: the schema check names it


def row_from_input(raw: dict) -> dict:
    """Return one schema row from the editor's inputs (only keys that carry a value)."""
    row = {key: raw.get(key, "").strip() for key in TEXT_KEYS}
    row = {key: value for key, value in row.items() if value or key in ("name", "label")}
    row["type"] = raw.get("type", "")
    row["required"] = bool(raw.get("required"))
    if raw.get("prefill"):
        row["prefill"] = raw["prefill"]
    if raw.get("locked"):
        row["editable"] = False
    if raw.get("choices", "").strip():
        row["choices"] = parse_choices(raw["choices"])
    for key in NUMBER_KEYS:
        if raw.get(key, "").strip():
            row[key] = _number(raw[key])
    if raw.get("past") == FUTURE:
        row["past"] = False
    return {k: row[k] for k in ("name", "label", "type") if k in row} | row


def _is_blank(raw: dict) -> bool:
    return not any(str(raw.get(key, "")).strip() for key in (*TEXT_KEYS, "choices", *NUMBER_KEYS))


class SchemaRowsWidget(forms.Widget):
    """Draws each schema row as a block of labelled inputs, plus a few blank rows to add."""

    template_name = "admin/catalog/form_schema_rows.html"

    class Media:
        css = {"all": ["css/admin-form-schema.css"]}

    def value_from_datadict(self, data, files, name):
        try:
            total = min(int(data.get(f"{name}-TOTAL", 0)), 500)
        except ValueError:
            total = 0
        keys = (
            *TEXT_KEYS,
            *NUMBER_KEYS,
            *("type", "required", "prefill", "locked", "choices", "past"),
        )
        rows = []
        for i in range(total):
            raw = {key: data.get(f"{name}-{i}-{key}", "") for key in keys}
            if data.get(f"{name}-{i}-DELETE") or _is_blank(raw):
                continue
            order = data.get(f"{name}-{i}-order", "").strip()
            rows.append((int(order) if order.isdigit() else 10**6 + i, raw))
        rows.sort(key=lambda pair: pair[0])
        return [row_from_input(raw) for _, raw in rows]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        stored = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        seen: set[str] = set()
        rows = [self._row(r) | {"problems": row_problems(r, seen=seen)} for r in stored]
        rows += [self._row({}) | {"problems": []} for _ in range(BLANK_ROWS)]
        for number, row in enumerate(rows):
            row["index"], row["number"] = number, number + 1
        context["widget"] |= {
            "rows": rows,
            "total": len(rows),
            "types": [(key, kind.label) for key, kind in FIELD_TYPES.items()],
            "prefills": list(PREFILL_LABELS.items()),
            "future": FUTURE,
        }
        return context

    @staticmethod
    def _row(row: dict) -> dict:
        values = {key: "" if row.get(key) is None else str(row.get(key)) for key in TEXT_KEYS}
        values |= {key: "" if row.get(key) is None else str(row[key]) for key in NUMBER_KEYS}
        return values | {
            "type": str(row.get("type") or ""),
            "type_unknown": bool(row.get("type")) and row.get("type") not in FIELD_TYPES,
            "required": bool(row.get("required")),
            "prefill": str(row.get("prefill") or ""),
            "locked": row.get("editable") is False,
            "prefill_unknown": bool(row.get("prefill"))
            and row.get("prefill") not in PREFILL_LABELS,
            "choices": choices_text(row.get("choices")),
            "past": FUTURE if row.get("past") is False else "",
            "other_keys": ", ".join(sorted(set(row) - EDITED_KEYS)),
        }


class SchemaRowsField(forms.Field):
    """The form schema as rows; refuses a schema that fails the one check, naming each row."""

    widget = SchemaRowsWidget

    def to_python(self, value):
        return value if isinstance(value, list) else []

    def validate(self, value):
        super().validate(value)
        problems = validate_form_schema(value)
        if problems:
            raise ValidationError([ValidationError(p) for p in problems])

    def has_changed(self, initial, data):
        dump = lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False)  # noqa: E731
        return dump(initial or []) != dump(self.to_python(data))


class ProcedureAdminForm(forms.ModelForm):
    """The procedure's admin form, with the online form edited row by row."""

    form_schema = SchemaRowsField(
        label=_("Biểu mẫu điện tử"),
        required=False,
        help_text=_(
            "Mỗi khối là một trường của tờ khai. Để thêm trường, điền vào khối trống rồi lưu; "
            "để xóa, đánh dấu “Xóa”. Lựa chọn: mỗi dòng một lựa chọn, dạng “nhãn” hoặc "
            "“mã | nhãn”. Xem docs/FORM_SCHEMA.md."
        ),
    )

    class Meta:
        model = Procedure
        fields = ["form_schema"]  # the admin's fieldsets add the others
