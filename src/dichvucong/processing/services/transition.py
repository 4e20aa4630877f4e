"""The one service that moves a dossier between national statuses."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.selectors import specialists_of
from dichvucong.core.audit import audit_log
from dichvucong.dossiers.appointments import appointment_at
from dichvucong.dossiers.fees import fee_request
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, DossierEvent
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing import deadlines
from dichvucong.processing.machine import (
    RoleNotAllowed,
    StaleDossier,
    Transition,
    TransitionError,
    TransitionNotAllowed,
    find_transition,
    needs_approval,
)
from dichvucong.processing.selectors import actor_roles


def dossier_transition(
    *,
    dossier: Dossier,
    to: int,
    actor,
    note: str = "",
    data: dict[str, Any] | None = None,
    is_public: bool = True,
    expected_status: int | None = None,
    ip_address: str | None = None,
) -> Dossier:
    """Move a dossier to a status if the table and the actor's roles allow it."""
    to = int(to)
    expected = dossier.status if expected_status is None else int(expected_status)
    data = dict(data or {})
    note = (note or "").strip()
    with transaction.atomic():
        locked = (
            Dossier.objects.select_for_update()
            .select_related("procedure", "agency")
            .get(pk=dossier.pk)
        )
        transition = _check(locked, to, actor, note, expected)
        now = timezone.now()
        source = locked.status
        _apply(locked, transition, actor, now, data)
        locked.status = to
        locked.save()
        event = DossierEvent.objects.create(
            dossier=locked,
            actor=actor if getattr(actor, "pk", None) else None,
            action=transition.action,
            from_status=source,
            to_status=to,
            note=note,
            is_public=is_public,
            data=data,
        )
        audit_log(
            action=f"dossier.{transition.action}",
            actor=actor,
            target=locked,
            data={"from": source, "to": to, "note": note, "event": event.pk},
            ip_address=ip_address,
        )
        from dichvucong.processing.effects import schedule_effects

        schedule_effects(dossier=locked, event=event)
    return locked


def _check(locked: Dossier, to: int, actor, note: str, expected: int) -> Transition:
    if locked.status != expected:
        raise StaleDossier(
            _(
                "Hồ sơ vừa được người khác cập nhật (nay ở trạng thái “%(s)s”). "
                "Vui lòng tải lại trang."
            )
            % {"s": locked.get_status_display()}
        )
    transition = find_transition(locked.status, to)
    if transition is None:
        raise TransitionNotAllowed(
            _("Không thể chuyển hồ sơ từ “%(a)s” sang “%(b)s”.")
            % {"a": locked.get_status_display(), "b": S(to).label}
        )
    if not transition.roles & actor_roles(actor, locked):
        raise RoleNotAllowed(
            _("Bạn không có quyền thực hiện thao tác “%(a)s” với hồ sơ này.")
            % {"a": transition.label}
        )
    if transition.needs_reason and not note:
        raise TransitionError(_("Vui lòng nhập lý do."))
    return transition


def _apply(dossier: Dossier, transition: Transition, actor, now, data: dict) -> None:
    """Set the timestamps, deadline and assignee a move implies."""
    target = transition.target
    if {transition.source, target} != {S.PROCESSING, S.PAYMENT_REQUESTED}:
        # Leaving processing (other than to pay a fee) ends a pending approval; it is checked
        # below first when the move is the approval itself.
        pending = dossier.awaiting_approval
        dossier.awaiting_approval = False
        if target == S.DONE:
            dossier.awaiting_approval = pending
    if transition.source == S.SUPPLEMENT_REQUESTED:
        _check_resume_target(dossier, target)
        paused = deadlines.resume_clock(dossier, now)
        data["paused_seconds"] = int(paused.total_seconds())
    if target == S.RECEIVED and transition.source == S.NEW:
        dossier.received_at = now
        dossier.received_by = actor
        dossier.due_at = appointment_at(dossier.procedure, now)
    elif target == S.SUPPLEMENT_REQUESTED:
        deadlines.pause_clock(dossier, now)
    elif target == S.PAYMENT_REQUESTED and data.get("amount"):
        fee_request(dossier=dossier, amount=int(data["amount"]))
    elif target == S.PROCESSING and transition.source == S.RECEIVED:
        _assign(dossier, actor, data)
    elif target == S.DONE:
        if not Attachment.objects.filter(dossier=dossier, kind=AttachmentKind.RESULT).exists():
            raise TransitionError(_("Cần tải lên văn bản kết quả trước khi phê duyệt."))
        if needs_approval(transition) and not dossier.awaiting_approval:
            raise TransitionError(
                _("Hồ sơ chưa được trình phê duyệt: chuyên viên cần “Trình phê duyệt” trước.")
            )
        dossier.awaiting_approval = False
        dossier.completed_at = now
        dossier.timeliness = deadlines.timeliness_of(dossier, now)
    elif target == S.RETURNED:
        from dichvucong.processing.services.counter import check_ready_to_hand_over

        check_ready_to_hand_over(dossier)
        dossier.returned_at = now


def _check_resume_target(dossier: Dossier, target: int) -> None:
    """A resubmitted dossier goes back to where the officer asked for the supplement."""
    asked = resume_status(dossier)
    # A dossier asked for papers at the counter (2) may also go straight on to processing (4).
    allowed = {asked, S.PROCESSING} if asked == S.RECEIVED else {asked}
    if target not in allowed:
        raise TransitionNotAllowed(
            _("Hồ sơ bổ sung phải trở về bước “%(s)s”.") % {"s": S(asked).label}
        )


def resume_status(dossier: Dossier) -> int:
    """Return the status a supplemented dossier returns to."""
    asked = (
        DossierEvent.objects.filter(dossier=dossier, to_status=S.SUPPLEMENT_REQUESTED)
        .order_by("-created_at", "-id")
        .values_list("from_status", flat=True)
        .first()
    )
    return asked or S.RECEIVED


def _assign(dossier: Dossier, actor, data: dict) -> None:
    assignee_id = data.get("assignee_id")
    specialists = specialists_of(dossier.agency_id)
    if assignee_id:
        assignee = specialists.filter(pk=assignee_id).first()
        if assignee is None:
            raise TransitionError(_("Chuyên viên được chọn không thuộc cơ quan này."))
    elif actor is not None and specialists.filter(pk=actor.pk).exists():
        assignee = actor
    else:
        raise TransitionError(_("Vui lòng chọn chuyên viên xử lý."))
    dossier.assignee = assignee
    data["assignee_id"] = assignee.pk
    data["assignee_name"] = assignee.get_full_name() or assignee.username
