"""Background tasks of the back office; each takes ids, reloads and is safe to retry."""

from django_tasks import task


@task()
def notify_task(dossier_id: int, event_code: str, event_id: int | None = None) -> str:
    """Send the citizen the message for one dossier event."""
    from dichvucong.dossiers.models import Dossier, DossierEvent
    from dichvucong.processing.notify import notify_dossier_event

    dossier = Dossier.objects.select_related("agency", "procedure").filter(pk=dossier_id).first()
    if dossier is None:
        return "missing"
    event = DossierEvent.objects.filter(pk=event_id).first() if event_id else None
    if event is not None and _already_texted(dossier, event_code, event):
        return "sent"  # a retried run (its worker died after sending)
    sent = notify_dossier_event(dossier=dossier, event_code=event_code, event=event)
    return "sent" if sent else "no-contact"


def _already_texted(dossier, event_code: str, event) -> bool:
    """The SMS of this event was queued by an earlier run of the same task."""
    from dichvucong.notifications.models import SmsMessage

    return SmsMessage.objects.filter(
        dossier_id=dossier.pk,
        purpose=f"dossier_{event_code}"[:40],
        created_at__gte=event.created_at,
    ).exists()


@task()
def render_slip_task(dossier_id: int, slip: str, event_id: int | None = None) -> str:
    """Render one official slip as a PDF and store it with the dossier."""
    from dichvucong.processing.slips import store_slip

    attachment = store_slip(dossier_id=dossier_id, slip=slip, event_id=event_id)
    return "stored" if attachment else "skipped"


@task()
def render_tracking_log_task(export_id: int) -> str:
    """Render the tracking log (form 07) an officer asked for and store it."""
    from dichvucong.processing.services.exports import store_tracking_log

    export = store_tracking_log(export_id=export_id)
    return export.status if export else "skipped"
