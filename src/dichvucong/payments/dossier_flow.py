"""The one place where payments and delivery reach the back office's status machine and scope."""

from typing import Any

from dichvucong.dossiers.models import Dossier
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.selectors import staff_agency_ids
from dichvucong.processing.services import dossier_transition


class TransitionNotAllowed(Exception):
    """The dossier cannot move to that status from where it is (the message says why)."""


def transition(*, dossier: Dossier, to: int, actor: Any, note: str = "",
               data: dict | None = None, is_public: bool = True) -> Dossier:
    """Move the dossier through the back office's status machine."""
    try:
        return dossier_transition(dossier=dossier, to=to, actor=actor, note=note, data=data,
                                  is_public=is_public)
    except TransitionError as exc:
        raise TransitionNotAllowed(str(exc)) from exc


def staff_can_handle(user: Any, dossier: Dossier) -> bool:
    """Return whether the officer may act on the dossier (their agencies' dossiers only)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return dossier.agency_id in staff_agency_ids(user)
