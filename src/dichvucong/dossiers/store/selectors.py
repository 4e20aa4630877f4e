"""Reads of the citizen's store: the owner's papers, and which fit a required paper."""

from django.http import Http404

from dichvucong.core.text import search_tokens
from dichvucong.dossiers.permissions import can_use_stored_paper
from dichvucong.dossiers.store.models import StoredPaper


def papers_of(user):
    """Return the user's stored papers, newest first (nobody else's, ever)."""
    return StoredPaper.objects.filter(owner_id=user.pk).select_related("source_dossier")


def stored_paper_or_404(user, pk: int) -> StoredPaper:
    """Return the user's own stored paper, or 404 (also for another citizen's)."""
    paper = StoredPaper.objects.filter(pk=pk).first()
    if paper is None or not can_use_stored_paper(user, paper):
        raise Http404
    return paper


def fits(paper: StoredPaper, document) -> bool:
    """Return whether a stored paper was kept for this kind of paper (same code or name)."""
    if paper.paper_code and document.code and paper.paper_code == document.code:
        return True
    return search_tokens(paper.name) == search_tokens(document.name)


def store_choices(user, documents) -> dict[int, list[tuple[StoredPaper, bool]]]:
    """Return, per required paper, the user's stored papers (those that fit first)."""
    papers = list(papers_of(user))
    return {
        document.pk: sorted(
            ((paper, fits(paper, document)) for paper in papers), key=lambda pair: not pair[1]
        )
        for document in documents
    }
