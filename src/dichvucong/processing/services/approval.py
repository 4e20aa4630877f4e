"""The approval step inside national status 4: "Trình phê duyệt" and "Trả lại để xử lý lại"."""

from django.db import transaction
from django.utils.translation import gettext as _

from dichvucong.core.audit import audit_log
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, DossierEvent
from dichvucong.processing.machine import (
    STEPS_BY_ACTION,
    RoleNotAllowed,
    StaleDossier,
    TransitionError,
    TransitionNotAllowed,
)
from dichvucong.processing.selectors import actor_roles


def approval_step(
    *,
    dossier: Dossier,
    action: str,
    actor,
    note: str = "",
    ip_address: str | None = None,
) -> Dossier:
    """Take one in-status step (machine.STEPS): submit for approval or return for rework."""
    from dichvucong.processing.inbox import touch_agency_counts

    step = STEPS_BY_ACTION.get(action)
    if step is None:
        raise TransitionNotAllowed(_("Thao tác không hợp lệ."))
    note = (note or "").strip()
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.status != step.status or locked.awaiting_approval != step.awaiting:
            raise StaleDossier(
                _("Không thể “%(a)s” với hồ sơ ở bước này. Vui lòng tải lại trang.")
                % {"a": step.label}
            )
        if not step.roles & actor_roles(actor, locked):
            raise RoleNotAllowed(
                _("Bạn không có quyền thực hiện thao tác “%(a)s” với hồ sơ này.")
                % {"a": step.label}
            )
        if step.needs_reason and not note:
            raise TransitionError(_("Vui lòng nhập lý do."))
        if step.sets and not _has_result(locked):
            raise TransitionError(_("Cần tải lên văn bản kết quả trước khi trình phê duyệt."))
        locked.awaiting_approval = step.sets
        locked.save(update_fields=["awaiting_approval", "updated_at"])
        event = DossierEvent.objects.create(
            dossier=locked,
            actor=actor,
            action=step.action,
            from_status=locked.status,
            to_status=locked.status,
            note=note,
            is_public=False,
        )
        audit_log(
            action=f"dossier.{step.action}",
            actor=actor,
            target=locked,
            data={"note": note, "event": event.pk},
            ip_address=ip_address,
        )
        transaction.on_commit(lambda: touch_agency_counts(locked.agency_id), robust=True)
    return locked


def _has_result(dossier: Dossier) -> bool:
    return Attachment.objects.filter(dossier=dossier, kind=AttachmentKind.RESULT).exists()
