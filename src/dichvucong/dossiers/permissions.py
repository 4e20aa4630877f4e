"""Who may see a dossier and its files: the one hook the back office extends."""

from dichvucong.dossiers.models import Dossier


def _staff_agency_ids(user) -> set[int]:
    try:
        from dichvucong.processing.selectors import staff_agency_ids
    except ImportError:  # the back-office part has not landed yet
        return set()
    return set(staff_agency_ids(user))


def can_view_dossier(user, dossier: Dossier) -> bool:
    """Return whether the user may see the dossier: its applicant, or staff of its agency."""
    if user is None or not user.is_authenticated:
        return False
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return True
    if user.is_superuser:
        return True
    return dossier.status != 0 and dossier.agency_id in _staff_agency_ids(user)
