"""Per-procedure forms built from data (the procedure's `form_schema`)."""

from dichvucong.dossiers.forms.display import Answer, Section, answer_sections, dossier_answers
from dichvucong.dossiers.forms.prefill import Prefill, prefills
from dichvucong.dossiers.forms.schema import (
    FormSchemaUnavailable,
    SchemaForm,
    answers,
    checked_schema,
    initial_values,
)

__all__ = [
    "Answer",
    "FormSchemaUnavailable",
    "Prefill",
    "SchemaForm",
    "Section",
    "answer_sections",
    "answers",
    "checked_schema",
    "dossier_answers",
    "initial_values",
    "prefills",
]
