"""The folded text a procedure is searched by: one place, shared by importer, admin and index."""

from dichvucong.catalog.models import Procedure
from dichvucong.core.text import search_text

# Texts that make up the body; the name and code rank first, so they live apart.
BODY_ATTRIBUTES = (
    "applicants",
    "steps",
    "method",
    "conditions",
    "result",
    "legal_basis",
    "fee_text",
    "processing_time_text",
    "implementing_level",
)


def refresh_search_fields(procedure: Procedure) -> None:
    """Set `search_name` and `search_body` from the procedure's texts; the caller saves."""
    procedure.search_name = search_text(f"{procedure.code} {procedure.name}")
    parts = [getattr(procedure, attribute) or "" for attribute in BODY_ATTRIBUTES]
    if procedure.field_id:
        parts.append(procedure.field.name)
    if procedure.pk:
        parts.extend(doc.name for doc in procedure.required_documents.active())
    procedure.search_body = search_text(" ".join(parts))
