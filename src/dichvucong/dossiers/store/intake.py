"""What enters a citizen's store as a dossier moves (heard on the status machine's signal).

`processing` connects `on_dossier_event` to `processing.signals.dossier_event_committed` in its
`ready()`: this app sits below the machine and never imports it.
"""

from dichvucong.dossiers.models import DossierEvent, DossierStatus
from dichvucong.dossiers.store.services import keep_dossier_papers, keep_results


def on_dossier_event(sender=None, *, event_id: int, **kwargs) -> None:
    """Keep the papers an officer accepted (reception) and, once done, all papers and results.

    Papers sent as a supplement are kept when the dossier is done: that is when the agency has
    accepted them. Results still being signed are kept by the signing task instead.
    """
    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    if event is None or event.dossier.applicant_id is None:
        return
    if event.to_status in (DossierStatus.RECEIVED, DossierStatus.DONE):
        keep_dossier_papers(dossier=event.dossier)
    if event.to_status == DossierStatus.DONE:
        keep_results(dossier=event.dossier)
