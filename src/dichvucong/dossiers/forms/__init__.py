"""Per-procedure forms built from data (the procedure's `form_schema`)."""

from dichvucong.dossiers.forms.schema import (
    SchemaForm,
    answers,
    display_rows,
    initial_values,
    validate_schema,
)

__all__ = ["SchemaForm", "answers", "display_rows", "initial_values", "validate_schema"]
