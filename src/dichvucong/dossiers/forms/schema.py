"""Per-procedure forms as data: build a schema's Django form, store and prefill its answers.

The schema format and its check are `catalog.form_schema` (documented in docs/FORM_SCHEMA.md);
the Django fields of each type come from `dossiers.forms.registry`.
"""

import logging
from datetime import date

from django import forms

from dichvucong.catalog.form_schema import SUB, validate_form_schema
from dichvucong.dossiers.forms.prefill import Prefill, prefills
from dichvucong.dossiers.forms.registry import FORM_FIELD_TYPES

logger = logging.getLogger(__name__)


class FormSchemaUnavailable(Exception):
    """A procedure's stored form schema does not pass the check; its form cannot be shown."""

    def __init__(self, procedure, problems: list[str]):
        super().__init__(f"{procedure.code}: " + "; ".join(problems))
        self.procedure = procedure
        self.problems = problems


def checked_schema(procedure) -> list:
    """Return the procedure's form schema, or raise FormSchemaUnavailable (logged for admins)."""
    schema = procedure.form_schema or []
    problems = validate_form_schema(schema)
    if problems:
        logger.error(
            "Form schema of procedure %s is invalid, citizens cannot fill it: %s",
            procedure.code,
            "; ".join(problems),
        )
        raise FormSchemaUnavailable(procedure, problems)
    return schema


class SchemaForm(forms.Form):
    """A form built from a valid schema; `sections` groups bound fields for templates."""

    def __init__(
        self, schema: list, *args, prefilled: dict[str, Prefill] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.schema = schema
        self.prefilled = prefilled or {}
        self.sections: list[tuple[str, list[str]]] = []
        for spec in schema:
            names = self._add(spec)
            section = spec.get("section", "")
            if not self.sections or self.sections[-1][0] != section:
                self.sections.append((section, []))
            self.sections[-1][1].extend(names)

    def _add(self, spec: dict) -> list[str]:
        name = spec["name"]
        prefill = self.prefilled.get(name)
        locked = prefill is not None and not prefill.editable
        key = f"{name}{SUB}province"
        province = self.data.get(key) if self.is_bound and not locked else None
        province = str(province or self.initial.get(key, "") or "")
        parts = FORM_FIELD_TYPES[spec["type"]].build(spec, {"province": province})
        names = []
        for part, field in parts.items():
            full = f"{name}{SUB}{part}" if part else name
            self.fields[full] = field
            names.append(full)
            field.disabled = locked  # Django keeps the initial value, whatever is posted
        if prefill is not None:  # the source is told once, under the row's first input
            first = self.fields[names[0]]
            first.prefill = prefill
            first.widget.attrs["aria-describedby"] = f"id_{names[0]}_source"
        if spec["type"] == "address":
            self.fields[names[1]].widget.attrs.update(
                {"data-commune-select": "", "data-province-field": f"id_{names[0]}"}
            )
        return names

    def parts(self, spec: dict) -> list[str]:
        """Return the sub-field suffixes of a row ([""] for a single field)."""
        name = spec["name"]
        return [
            key.removeprefix(f"{name}{SUB}")
            for key in self.fields
            if key.startswith(f"{name}{SUB}") and key != name
        ] or [""]

    def grouped(self):
        """Yield (section title, bound fields) for rendering."""
        for title, names in self.sections:
            yield title, [self[n] for n in names]


def answers(form: SchemaForm, *, cleaned: bool = True) -> dict:
    """Return JSON-safe answers: cleaned values, or the raw input kept for a draft."""
    result = {}
    for spec in form.schema:
        name = spec["name"]
        parts = form.parts(spec)
        if parts == [""]:
            result[name] = _value(form, name, cleaned)
        else:
            result[name] = {p: _value(form, f"{name}{SUB}{p}", cleaned) for p in parts}
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


def initial_values(
    schema: list, stored: dict | None, user=None, *, prefilled: dict | None = None
) -> dict:
    """Return the form's initial values: a locked prefill, else the saved answer, else an
    editable prefill. Without `prefilled`, the account's values are computed from `user`."""
    stored = stored or {}
    if prefilled is None:
        prefilled = prefills(schema, user=user) if user is not None else {}
    initial = {}
    for spec in schema:
        name = spec["name"]
        value = stored.get(name)
        prefill = prefilled.get(name)
        if prefill is not None and (not prefill.editable or value in (None, "", {})):
            value = prefill.value
        if spec["type"] == "address":
            for part in ("province", "commune", "line"):
                initial[f"{name}{SUB}{part}"] = (value if isinstance(value, dict) else {}).get(
                    part
                ) or ""
        elif value not in (None, ""):
            initial[name] = value
    return initial
