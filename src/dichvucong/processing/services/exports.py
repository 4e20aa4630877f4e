"""The tracking log (form 07) on request: the officer asks, a background task renders it."""

import logging
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from dichvucong.accounts.permissions import may_keep_tracking_log, staff_agency_ids
from dichvucong.core.audit import audit_log
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.services.signing import TRACKING_LOG_REASON, sign_agency_pdf
from dichvucong.processing.machine import RoleNotAllowed
from dichvucong.processing.models import ExportStatus, TrackingLogExport
from dichvucong.processing.selectors import tracking_log_dossiers
from dichvucong.processing.slips import tracking

logger = logging.getLogger(__name__)

# One tracking log covers at most a quarter, so one PDF stays small.
MAX_LOG_DAYS = 92
# Stored untranslated and shown in the officer's language (the task has no request).
RENDER_FAILED = gettext_noop("Không lập được sổ theo dõi. Vui lòng yêu cầu lại sau ít phút.")
SIGN_FAILED = gettext_noop("Không ký số được sổ theo dõi. Vui lòng yêu cầu lại sau ít phút.")


def tracking_log_range(*, start: date | None, end: date | None) -> tuple[date, date]:
    """Return the period of a log: to today by default, from the 1st of that month, capped."""
    end = end or timezone.localdate()
    start = start or end.replace(day=1)
    return min(max(start, end - timedelta(days=MAX_LOG_DAYS)), end), end


def request_tracking_log(
    *,
    actor,
    agency_id: int | None,
    start: date | None,
    end: date | None,
    ip_address: str | None = None,
) -> TrackingLogExport:
    """Record an officer's request for the tracking log of one of their agencies; render later."""
    from dichvucong.processing.tasks import render_tracking_log_task

    agency_ids = staff_agency_ids(actor)
    if agency_id is None and agency_ids:
        agency_id = min(agency_ids)
    if agency_id is None or not may_keep_tracking_log(actor, agency_id):
        raise RoleNotAllowed(_("Bạn chỉ lập được sổ theo dõi của cơ quan mình."))
    start, end = tracking_log_range(start=start, end=end)
    with transaction.atomic():
        export = TrackingLogExport.objects.create(
            agency_id=agency_id, start=start, end=end, requested_by=actor
        )
        audit_log(
            action="tracking_log.request",
            actor=actor,
            target=export,
            data={"agency": agency_id, "start": start.isoformat(), "end": end.isoformat()},
            ip_address=ip_address,
        )
        enqueue_on_commit(render_tracking_log_task, export.pk)
    return export


def _failed(export: TrackingLogExport, error: str) -> TrackingLogExport:
    TrackingLogExport.objects.filter(pk=export.pk, status=ExportStatus.PENDING).update(
        status=ExportStatus.FAILED, error=error, finished_at=timezone.now()
    )
    export.refresh_from_db()
    return export


def store_tracking_log(*, export_id: int) -> TrackingLogExport | None:
    """Render a pending tracking log and store its PDF, or mark it failed."""
    export = TrackingLogExport.objects.select_related("agency").filter(pk=export_id).first()
    if export is None or export.status != ExportStatus.PENDING:
        return None
    try:
        dossiers = tracking_log_dossiers(agency=export.agency, start=export.start, end=export.end)
        content = tracking.build_log(
            agency=export.agency, start=export.start, end=export.end, dossiers=dossiers
        )
    except Exception:
        logger.exception("Tracking log %s could not be rendered", export_id)
        return _failed(export, RENDER_FAILED)
    try:  # the agency signs the log like every slip (nothing when signing is off)
        signed = sign_agency_pdf(
            content, agency_name=export.agency.name, reason=TRACKING_LOG_REASON
        )
    except Exception:
        logger.exception("Tracking log %s could not be signed", export_id)
        return _failed(export, SIGN_FAILED)
    content = signed or content
    with transaction.atomic():
        locked = TrackingLogExport.objects.select_for_update().get(pk=export_id)
        if locked.status != ExportStatus.PENDING:
            return None  # a parallel run stored it first
        locked.file.save(f"so-theo-doi-{locked.start:%Y%m%d}.pdf", ContentFile(content), save=False)
        locked.status = ExportStatus.READY
        locked.finished_at = timezone.now()
        locked.save(update_fields=["file", "status", "finished_at"])
    return locked
