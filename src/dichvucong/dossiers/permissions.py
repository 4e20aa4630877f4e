"""Who may see a dossier and its files: the applicant, or staff of the dossier's agency."""

from dichvucong.accounts.permissions import may_see_dossier
from dichvucong.dossiers.models import Dossier, DossierStatus


def can_view_dossier(user, dossier: Dossier) -> bool:
    """Return whether the user may see the dossier: its applicant, or staff of its agency."""
    if user is None or not user.is_authenticated:
        return False
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return True
    if user.is_superuser:
        return True
    return dossier.status != DossierStatus.DRAFT and may_see_dossier(user, dossier)


def can_use_stored_paper(user, paper) -> bool:
    """Return whether the user may see, download, delete or reuse a stored paper: its owner.

    Officers never open a citizen's store; they see a stored paper only as the attachment of
    a dossier it was taken into (`can_view_dossier`), and that look is audited.
    """
    if user is None or not user.is_authenticated:
        return False
    return paper.owner_id == user.pk
