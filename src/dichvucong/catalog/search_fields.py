"""Folded search texts stored on each procedure for the search index."""

from dichvucong.catalog.models import Procedure
from dichvucong.core.text import search_text

# The texts searched besides the code and the name ("body" matches rank after name matches).
BODY_FIELDS = (
    "implementing_level", "applicants", "steps", "method", "conditions", "result",
    "legal_basis", "fee_text", "processing_time_text",
)


def refresh_search_fields(procedure: Procedure) -> None:
    """Set procedure.search_name and procedure.search_body from its texts (does not save)."""
    procedure.search_name = search_text(f"{procedure.code} {procedure.name}")
    procedure.search_body = search_text(
        " ".join(getattr(procedure, field) or "" for field in BODY_FIELDS)
    )
