"""Who may see a dossier and its files: the applicant, or staff of the dossier's agency."""

from django.conf import settings
from django.utils.module_loading import import_string

from dichvucong.dossiers.models import Dossier, DossierStatus


def _staff_agency_ids(user) -> set[int]:
    # The back office says whose agencies a user serves (settings.STAFF_AGENCY_IDS), so this
    # app does not import the higher one.
    return set(import_string(settings.STAFF_AGENCY_IDS)(user))


def can_view_dossier(user, dossier: Dossier) -> bool:
    """Return whether the user may see the dossier: its applicant, or staff of its agency."""
    if user is None or not user.is_authenticated:
        return False
    if dossier.applicant_id is not None and dossier.applicant_id == user.pk:
        return True
    if user.is_superuser:
        return True
    return dossier.status != DossierStatus.DRAFT and dossier.agency_id in _staff_agency_ids(user)
