"""The one place where payments and delivery reach the back office's status machine and scope."""

from typing import Any

from django.shortcuts import get_object_or_404

from dichvucong.dossiers.models import Dossier
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.selectors import staff_dossiers
from dichvucong.processing.services import dossier_transition


class TransitionNotAllowed(Exception):
    """The dossier cannot move to that status from where it is (the message says why)."""


def transition(
    *,
    dossier: Dossier,
    to: int,
    actor: Any,
    note: str = "",
    data: dict | None = None,
    is_public: bool = True,
) -> Dossier:
    """Move the dossier through the back office's status machine."""
    try:
        return dossier_transition(
            dossier=dossier, to=to, actor=actor, note=note, data=data, is_public=is_public
        )
    except TransitionError as exc:
        raise TransitionNotAllowed(str(exc)) from exc


def staff_dossier_or_404(user: Any, dossier_id: int) -> Dossier:
    """Return a submitted dossier of the officer's agencies, or 404 (never another's, no drafts)."""
    return get_object_or_404(
        staff_dossiers(user).select_related("agency", "procedure"), pk=dossier_id
    )
