"""The daily comparison of dossiers here with what DVCQG acknowledged (Decision 766's
indicator 1.4 counts the share synced): per agency, and the dossiers never synced."""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q

from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.interop.models import OutboxEntry, OutboxState, SyncReconciliation

NEVER_SYNCED_LISTED = 500


def reconcile(*, actor: Any = None) -> SyncReconciliation:
    """Count, per agency, the dossiers here, those DVCQG acknowledged and those waiting, and
    list the dossiers it never acknowledged; store and return the report."""
    acknowledged = OutboxEntry.objects.filter(dossier=OuterRef("pk"), state=OutboxState.SENT)
    waiting = OutboxEntry.objects.filter(dossier=OuterRef("pk")).exclude(state=OutboxState.SENT)
    dead = OutboxEntry.objects.filter(dossier=OuterRef("pk"), state=OutboxState.DEAD)
    filed = (
        Dossier.objects.exclude(status=DossierStatus.DRAFT)
        .exclude(code__isnull=True)
        .annotate(acked=Exists(acknowledged), waiting=Exists(waiting), dead=Exists(dead))
    )
    rows = [
        {
            "agency": row["agency__code"],
            "agency_name": row["agency__name"],
            "local": row["local"],
            "acknowledged": row["acknowledged"],
            "waiting": row["waiting_count"],
            "dead": row["dead_count"],
        }
        for row in filed.values("agency__code", "agency__name")
        .annotate(
            local=Count("pk"),
            acknowledged=Count("pk", filter=Q(acked=True)),
            waiting_count=Count("pk", filter=Q(waiting=True)),
            dead_count=Count("pk", filter=Q(dead=True)),
        )
        .order_by("agency__code")
    ]
    never = list(
        filed.filter(acked=False)
        .order_by("submitted_at", "pk")
        .values_list("code", flat=True)[:NEVER_SYNCED_LISTED]
    )
    return SyncReconciliation.objects.create(rows=rows, never_synced=never, made_by=actor)
