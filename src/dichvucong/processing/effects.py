"""Side effects of dossier events, queued to run after the transaction commits."""

from django.db import transaction

from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.models import Dossier, DossierEvent
from dichvucong.dossiers.models import DossierStatus as S

# Which citizen message and which slips follow a move into a status.
NOTICE_FOR_STATUS = {
    S.RECEIVED: "received",
    S.NOT_RECEIVED: "refused",
    S.SUPPLEMENT_REQUESTED: "supplement_requested",
    S.PAYMENT_REQUESTED: "payment_requested",
    S.STOPPED: "stopped",
    S.DONE: "result_ready",
    S.RETURNED: "returned",
}
SLIPS_FOR_STATUS = {
    S.RECEIVED: ("01", "06"),
    S.NOT_RECEIVED: ("03",),
    S.SUPPLEMENT_REQUESTED: ("02",),
    S.STOPPED: ("05",),
    S.DONE: ("06",),
}


def schedule_effects(*, dossier: Dossier, event: DossierEvent) -> None:
    """Queue the citizen notice and the slips an event calls for."""
    from dichvucong.processing.inbox import touch_agency_counts
    from dichvucong.processing.tasks import notify_task, render_slip_task

    transaction.on_commit(lambda: touch_agency_counts(dossier.agency_id), robust=True)

    code = NOTICE_FOR_STATUS.get(event.to_status)
    if code and event.is_public:
        enqueue_on_commit(notify_task, dossier.pk, code, event.pk)
    for slip in SLIPS_FOR_STATUS.get(event.to_status, ()):
        enqueue_on_commit(render_slip_task, dossier.pk, slip, event.pk)
