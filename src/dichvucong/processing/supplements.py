"""A supplement request lists the papers one by one, each with its reason (Decision 766: one
consolidated request; a second one counts as late). The list is stored on the request's
history event (`data["documents"]`, `data["required_document_ids"]`) and read by the
officer's history, slip 02, the citizen's page and the SMS."""

from django.utils.translation import gettext as _

from dichvucong.dossiers.models import Dossier, DossierEvent
from dichvucong.dossiers.models import DossierStatus as S

SMS_PAPERS = 3  # an SMS names at most this many papers, each cut short
SMS_PAPER_CHARS = 40


def paper_line(name: str, reason: str) -> str:
    """Return one line of the list: the paper and why it is asked."""
    name, reason = " ".join(name.split()), " ".join(reason.split())
    return f"{name}: {reason}" if reason else name


def supplement_list(
    *, papers, chosen: list[str], reasons: dict[str, str], other: str = "", other_reason: str = ""
) -> tuple[list[int], list[str]]:
    """Return the chosen papers' ids and the lines "paper: reason" (a free "other" last)."""
    by_id = {str(p.pk): p for p in papers}
    ids, lines = [], []
    for key in chosen:
        paper = by_id.get(key)
        if paper is not None and paper.pk not in ids:
            ids.append(paper.pk)
            lines.append(paper_line(paper.name, reasons.get(key, "")))
    if other.strip():
        lines.append(paper_line(other, other_reason))
    return ids, lines


def earlier_requests(dossier: Dossier) -> int:
    """Return how many supplement requests the dossier already had."""
    return DossierEvent.objects.filter(dossier=dossier, to_status=S.SUPPLEMENT_REQUESTED).count()


def sms_papers(event: DossierEvent | None) -> str:
    """Return the short list of asked papers for an SMS ("" when none were listed)."""
    lines = (event.data or {}).get("documents") if event else None
    if not lines:
        return ""
    names = [line.split(":", 1)[0].strip().rstrip(".") for line in lines]
    short = [n if len(n) <= SMS_PAPER_CHARS else n[: SMS_PAPER_CHARS - 1] + "…" for n in names]
    text = "; ".join(short[:SMS_PAPERS])
    if len(short) > SMS_PAPERS:
        text += _(" và %(n)s giấy tờ khác") % {"n": len(short) - SMS_PAPERS}
    return text
