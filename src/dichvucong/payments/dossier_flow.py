"""The one place where payments and delivery reach the back office's status machine and scope.

Until `processing` provides `dossier_transition` and `staff_agency_ids`, a minimal fallback
keeps the transitions this part needs (4→6, 6→4, 4→9, 9→10) with the same guarantees: row
lock, append-only history, audit row.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from dichvucong.core.audit import audit_log
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus

S = DossierStatus
_FALLBACK_ALLOWED = {(S.PROCESSING, S.PAYMENT_REQUESTED), (S.PAYMENT_REQUESTED, S.PROCESSING),
                     (S.PROCESSING, S.DONE), (S.DONE, S.RETURNED)}


class TransitionNotAllowed(Exception):
    """The dossier cannot move to that status from where it is."""


def transition(*, dossier: Dossier, to: int, actor: Any, note: str = "",
               data: dict | None = None, is_public: bool = True) -> Dossier:
    """Move the dossier through the back office's status machine."""
    try:
        from dichvucong.processing.machine import TransitionError
        from dichvucong.processing.services import dossier_transition
    except ImportError:
        return _fallback_transition(dossier=dossier, to=to, actor=actor, note=note,
                                    data=data or {}, is_public=is_public)
    try:
        return dossier_transition(dossier=dossier, to=to, actor=actor, note=note, data=data,
                                  is_public=is_public)
    except TransitionError as exc:
        raise TransitionNotAllowed(str(exc)) from exc


@transaction.atomic
def _fallback_transition(*, dossier: Dossier, to: int, actor: Any, note: str, data: dict,
                         is_public: bool) -> Dossier:
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if (locked.status, to) not in _FALLBACK_ALLOWED:
        raise TransitionNotAllowed(f"{locked.status} → {to}")
    from_status, locked.status = locked.status, to
    now = timezone.now()
    if to == S.DONE:
        locked.completed_at = now
    if to == S.RETURNED:
        locked.returned_at = now
    locked.save()
    DossierEvent.objects.create(dossier=locked, actor=actor if getattr(actor, "pk", None)
                                else None, action="transition", from_status=from_status,
                                to_status=to, note=note, is_public=is_public, data=data)
    audit_log(action="dossier.transition", actor=actor, target=locked,
              data={"from": from_status, "to": to, **data})
    dossier.status, dossier.returned_at, dossier.completed_at = (
        locked.status, locked.returned_at, locked.completed_at)
    return locked


def staff_can_handle(user: Any, dossier: Dossier) -> bool:
    """Return whether the officer may act on the dossier (their agencies' dossiers only)."""
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        from dichvucong.processing.selectors import staff_agency_ids
    except ImportError:
        if user.is_superuser:
            return True
        return bool(user.is_staff and user.agency_code
                    and user.agency_code == dossier.agency.code)
    return dossier.agency_id in staff_agency_ids(user)
