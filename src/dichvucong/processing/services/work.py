"""Officer actions that are not status moves: result files and late-dossier apologies."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import may_process
from dichvucong.core.audit import audit_log
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, DossierEvent
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.statuses import CLOCK_RUNNING
from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.pipeline import check_upload
from dichvucong.dossiers.uploads.store import files_cleaned_on_failure, store_checked
from dichvucong.processing.machine import RoleNotAllowed, TransitionError
from dichvucong.processing.models import DeadlineExtension


def add_result_file(
    *, dossier: Dossier, actor, upload, ip_address: str | None = None
) -> Attachment:
    """Check a result document (PDF or photo) and attach it to a dossier being processed."""
    if not may_process(actor, dossier):
        raise RoleNotAllowed(_("Chỉ chuyên viên hoặc lãnh đạo mới tải lên kết quả."))
    if dossier.status != S.PROCESSING:
        raise TransitionError(_("Chỉ tải kết quả khi hồ sơ đang xử lý."))
    try:
        checked = check_upload(upload, name=upload.name, size=upload.size)
    except UploadRejected as exc:
        raise TransitionError(exc.message) from None
    with files_cleaned_on_failure() as stored, transaction.atomic():
        attachment = store_checked(
            dossier=dossier, checked=checked, stored=stored, kind=AttachmentKind.RESULT, user=actor
        )
        DossierEvent.objects.create(
            dossier=dossier,
            actor=actor,
            action="result_uploaded",
            is_public=False,
            data={"attachment": attachment.pk},
        )
        audit_log(
            action="dossier.result_uploaded",
            actor=actor,
            target=dossier,
            data={"attachment": attachment.pk},
            ip_address=ip_address,
        )
    return attachment


def extend_deadline(
    *, dossier: Dossier, actor, new_due_at: datetime, reason: str, ip_address: str | None = None
) -> DeadlineExtension:
    """Record an apology and new appointment (form 04) and send it to the citizen."""
    from dichvucong.processing.inbox import touch_agency_counts
    from dichvucong.processing.tasks import notify_task, render_slip_task

    if not may_process(actor, dossier):
        raise RoleNotAllowed(_("Chỉ chuyên viên hoặc lãnh đạo mới lập phiếu xin lỗi."))
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("Vui lòng nhập lý do chậm trả kết quả."))
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.status not in CLOCK_RUNNING:
            raise TransitionError(_("Hồ sơ không còn trong thời gian giải quyết."))
        if locked.due_at is None or new_due_at <= locked.due_at:
            raise TransitionError(_("Ngày hẹn mới phải sau ngày hẹn hiện tại."))
        extension = DeadlineExtension.objects.create(
            dossier=locked,
            old_due_at=locked.due_at,
            new_due_at=new_due_at,
            reason=reason,
            created_by=actor,
        )
        locked.due_at = new_due_at
        locked.save(update_fields=["due_at", "updated_at"])
        event = DossierEvent.objects.create(
            dossier=locked,
            actor=actor,
            action="apology",
            note=reason,
            data={
                "old_due_at": extension.old_due_at.isoformat(),
                "new_due_at": new_due_at.isoformat(),
            },
        )
        audit_log(
            action="dossier.apology",
            actor=actor,
            target=locked,
            data={"new_due_at": new_due_at.isoformat()},
            ip_address=ip_address,
        )
        enqueue_on_commit(notify_task, locked.pk, "apology", event.pk)
        enqueue_on_commit(render_slip_task, locked.pk, "04", event.pk)
        transaction.on_commit(lambda: touch_agency_counts(locked.agency_id), robust=True)
    return extension


def needs_apology(dossier: Dossier, now: datetime | None = None) -> bool:
    """Tell whether an open dossier is past its appointment without a newer one."""
    now = now or timezone.now()
    return dossier.status in CLOCK_RUNNING and dossier.due_at is not None and dossier.due_at < now
