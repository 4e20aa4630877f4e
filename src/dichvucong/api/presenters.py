"""What the API tells of one dossier: its status in the national codes, its public history."""

from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.statuses import NATIONAL_API_CODES
from dichvucong.tracking.selectors import public_timeline


def status_of(dossier: Dossier) -> dict:
    return {
        "code": NATIONAL_API_CODES[dossier.status],
        "number": int(dossier.status),
        "label": str(dossier.get_status_display()),
    }


def history_of(dossier: Dossier) -> list[dict]:
    """The public history entries (never internal remarks), without the officers' notes."""
    return [
        {"at": row["at"], "label": row["label"]}
        for row in public_timeline(dossier, with_notes=False)
    ]


def named(obj) -> dict:
    return {"code": obj.code, "name": obj.name}
