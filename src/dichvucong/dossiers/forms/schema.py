"""Per-procedure forms as data: check a schema, build its Django form, store and show answers.

A schema is a list of fields: {"name", "label", "type", "required", "section", "help",
"choices", "max_length", "min", "max", "past", "prefill"}; see FIELD_TYPES for the types.
"""

from datetime import date

from django import forms

from dichvucong.core.vn.addresses import format_address
from dichvucong.core.vn.phones import display_phone
from dichvucong.dossiers.forms.fields import FIELD_TYPES, address_fields, build_field

PREFILL_SOURCES = ("full_name", "id_number", "phone", "email", "date_of_birth", "address")
SUB = "__"


def validate_schema(schema: list) -> None:
    """Raise ValueError when a schema is malformed (unknown type, duplicate name…)."""
    if not isinstance(schema, list):
        raise ValueError("A form schema is a list of fields.")
    seen = set()
    for spec in schema:
        name = spec.get("name", "")
        if not name.isidentifier() or SUB in name or name in seen:
            raise ValueError(f"Bad or duplicate field name {name!r}.")
        seen.add(name)
        if spec.get("type") not in FIELD_TYPES or not spec.get("label"):
            raise ValueError(f"Field {name!r} needs a known type and a label.")
        if spec["type"] == "choice" and not spec.get("choices"):
            raise ValueError(f"Choice field {name!r} needs choices.")
        if spec.get("prefill") and spec["prefill"] not in PREFILL_SOURCES:
            raise ValueError(f"Field {name!r} has an unknown prefill source.")


class SchemaForm(forms.Form):
    """A form built from a procedure's schema; `sections` groups bound fields for templates."""

    def __init__(self, schema: list, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        self.sections: list[tuple[str, list[str]]] = []
        for spec in schema:
            names = self._add(spec)
            section = spec.get("section", "")
            if not self.sections or self.sections[-1][0] != section:
                self.sections.append((section, []))
            self.sections[-1][1].extend(names)

    def _add(self, spec: dict) -> list[str]:
        name = spec["name"]
        if spec["type"] != "address":
            self.fields[name] = build_field(spec)
            return [name]
        province = self.data.get(f"{name}{SUB}province") if self.is_bound else None
        province = province or self.initial.get(f"{name}{SUB}province", "")
        names = []
        for part, field in address_fields(spec, str(province or "")).items():
            self.fields[f"{name}{SUB}{part}"] = field
            names.append(f"{name}{SUB}{part}")
        self.fields[names[1]].widget.attrs.update(
            {"data-commune-select": "", "data-province-field": f"id_{names[0]}"}
        )
        return names

    def grouped(self):
        """Yield (section title, bound fields) for rendering."""
        for title, names in self.sections:
            yield title, [self[n] for n in names]


def answers(form: SchemaForm, *, cleaned: bool = True) -> dict:
    """Return JSON-safe answers: cleaned values, or the raw input kept for a draft."""
    result = {}
    for spec in form.schema:
        name = spec["name"]
        if spec["type"] == "address":
            result[name] = {
                p: _value(form, f"{name}{SUB}{p}", cleaned) for p in ("province", "commune", "line")
            }
        else:
            result[name] = _value(form, name, cleaned)
    return result


def _value(form: SchemaForm, key: str, cleaned: bool):
    if cleaned and key in form.cleaned_data:
        value = form.cleaned_data[key]
        return value.isoformat() if isinstance(value, date) else value
    if form.is_bound:
        return (
            form[key].value()
            if not isinstance(form.fields[key], forms.BooleanField)
            else form[key].value() in (True, "on", "true", "1")
        )
    return None


def initial_values(schema: list, stored: dict | None, user=None) -> dict:
    """Return the form's initial values: saved answers first, then the applicant's profile."""
    stored = stored or {}
    initial = {}
    for spec in schema:
        name = spec["name"]
        value = stored.get(name)
        if value in (None, "", {}) and user is not None and spec.get("prefill"):
            value = profile_value(user, spec["prefill"])
        if spec["type"] == "address":
            for part in ("province", "commune", "line"):
                initial[f"{name}{SUB}{part}"] = (value or {}).get(part) or ""
        elif value not in (None, ""):
            initial[name] = value
    return initial


def profile_value(user, source: str):
    """Return one profile value used to prefill a form field."""
    if source == "address":
        return {
            "province": user.province_code,
            "commune": user.commune_code,
            "line": user.address_line,
        }
    if source == "date_of_birth":
        return user.date_of_birth.isoformat() if user.date_of_birth else None
    if source == "phone" and user.phone:
        return display_phone(user.phone)
    return getattr(user, source, None) or None


def display_rows(schema: list, stored: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return answers as (section, [(label, text)]) for the review page and the receipt."""
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    for spec in schema:
        section = spec.get("section", "")
        if not rows or rows[-1][0] != section:
            rows.append((section, []))
        rows[-1][1].append((spec["label"], display_value(spec, stored.get(spec["name"]))))
    return rows


def display_value(spec: dict, value) -> str:
    if spec["type"] == "address":
        value = value if isinstance(value, dict) else {}
        return format_address(
            line=value.get("line") or "",
            commune=value.get("commune") or "",
            province=value.get("province") or "",
        )
    if spec["type"] == "phone" and value:
        return display_phone(str(value))
    if spec["type"] == "checkbox":
        return "Có" if value else "Không"
    if spec["type"] == "date" and isinstance(value, str) and len(value) == 10:
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return "" if value is None else str(value)
