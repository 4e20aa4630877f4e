"""Side effects of dossier events, queued to run after the transaction commits."""

import logging
from functools import partial

from django.db import transaction

from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus
from dichvucong.dossiers.services.signing import request_result_signatures
from dichvucong.processing.signals import dossier_event_committed

logger = logging.getLogger(__name__)

# Which citizen message and which slips follow each action of the status machine.
NOTICE_FOR_ACTION = {
    "receive": "received",
    "refuse": "refused",
    "request_supplement": "supplement_requested",
    "request_payment": "payment_requested",
    "stop": "stopped",
    "approve": "result_ready",
    "return_result": "returned",
}
SLIPS_FOR_ACTION = {
    "receive": ("01", "06"),
    "refuse": ("03",),
    "request_supplement": ("02",),
    "stop": ("05",),
    "approve": ("06",),
}


def schedule_effects(*, dossier: Dossier, event: DossierEvent) -> None:
    """Queue the citizen notice and the slips an event calls for."""
    from dichvucong.processing.inbox import touch_agency_counts
    from dichvucong.processing.tasks import notify_task, render_slip_task

    transaction.on_commit(lambda: touch_agency_counts(dossier.agency_id), robust=True)

    code = NOTICE_FOR_ACTION.get(event.action)
    if code and event.is_public:
        enqueue_on_commit(notify_task, dossier.pk, code, event.pk)
    for slip in SLIPS_FOR_ACTION.get(event.action, ()):
        enqueue_on_commit(render_slip_task, dossier.pk, slip, event.pk)
    if event.to_status == DossierStatus.DONE:
        # The leader's approval signs the results (a pending row now, the signature after commit).
        request_result_signatures(dossier=dossier)
    if event.is_public:
        # Higher parts (the citizen's in-app notices) listen without this app importing them.
        transaction.on_commit(partial(announce_event, event.pk), robust=True)


def announce_event(event_id: int) -> None:
    """Send `dossier_event_committed` for one committed event; log a failing receiver."""
    for receiver, result in dossier_event_committed.send_robust(
        sender=DossierEvent, event_id=event_id
    ):
        if isinstance(result, Exception):
            logger.error(
                "dossier_event_committed receiver %r failed for event %s",
                receiver,
                event_id,
                exc_info=result,
            )
