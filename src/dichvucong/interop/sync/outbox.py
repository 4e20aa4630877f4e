"""The outbox to DVCQG: every dossier event writes an entry in its own transaction, and one
drainer at a time sends them, in order per dossier, with retries and a dead-letter state.

Delivery is at least once: an answer the portal gave just before this process died is sent
again. Each record carries its natural key (MaHoSo, and for a progress row its moment, status
and text), which the portal upserts on (docs/INTEROP.md).
"""

import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dichvucong.core.audit import audit_log
from dichvucong.core.state import read_value, release_lease, take_lease, write_value
from dichvucong.core.tasks import backoff_delay, enqueue_on_commit
from dichvucong.core.vn.clock import compact_time
from dichvucong.dossiers.models import DossierEvent, DossierStatus
from dichvucong.interop.models import OutboxEntry, OutboxKind, OutboxState
from dichvucong.interop.national import NationalPortalError, national_portal
from dichvucong.interop.sync.payloads import dossier_record, progress_record

logger = logging.getLogger(__name__)

LEASE_KEY = "interop.outbox.drain"
# Written (a fresh token) by a drain that found another one running: that one looks again
# before it stops, so an entry committed while it was finishing is not left waiting.
AGAIN_KEY = "interop.outbox.again"


def _supplement(event: DossierEvent, previous: OutboxEntry | None) -> dict[str, str] | None:
    """DanhSachHoSoBoSung for a supplement request or a resubmission: the appointment the
    dossier had (as last reported) and the one it has now."""
    dossier = event.dossier
    if event.to_status == DossierStatus.SUPPLEMENT_REQUESTED:
        return {
            "NgayYeuCauBoSung": compact_time(event.created_at),
            "NoiDungYeuCau": event.note,
            "NgayHenTraTruoc": compact_time(dossier.due_at),
            "NgayHenTraMoi": "",
        }
    if event.from_status == DossierStatus.SUPPLEMENT_REQUESTED and previous is not None:
        return {
            "NgayBoSung": compact_time(event.created_at),
            "NoiDungYeuCau": "",
            "NgayHenTraTruoc": previous.payload["dossier"].get("NgayHenTra", ""),
            "NgayHenTraMoi": compact_time(dossier.due_at),
        }
    return None


def record_event(event: DossierEvent) -> OutboxEntry | None:
    """Write the outbox entry of a new dossier event (in the caller's transaction); none for a
    draft, which the portal never sees."""
    dossier = event.dossier
    if not dossier.code or dossier.status == DossierStatus.DRAFT:
        return None
    previous = OutboxEntry.objects.filter(dossier=dossier).order_by("-id").first()
    entry = OutboxEntry.objects.create(
        dossier=dossier,
        event=event,
        kind=OutboxKind.UPDATE if previous else OutboxKind.CREATE,
        payload={
            "dossier": dossier_record(dossier, supplement=_supplement(event, previous)),
            "progress": progress_record(event),
        },
    )
    if settings.NATIONAL_SYNC_DRAIN_ON_COMMIT:
        from dichvucong.interop.tasks import drain_outbox_task

        enqueue_on_commit(drain_outbox_task)
    return entry


def eligible_batch(limit: int) -> list[OutboxEntry]:
    """The next entries to send, oldest first: a dossier whose earliest unsent entry waits for
    a retry or is dead sends nothing after it. (Payloads are read for the chosen ones only.)"""
    now = timezone.now()
    blocked: set[int] = set()
    chosen: list[int] = []
    unsent = (
        OutboxEntry.objects.filter(state__in=(OutboxState.PENDING, OutboxState.DEAD))
        .order_by("id")
        .values_list("id", "dossier_id", "state", "next_attempt_at")
    )
    for entry_id, dossier_id, state, next_attempt_at in unsent[: limit * 4]:
        waiting = state == OutboxState.DEAD or (
            next_attempt_at is not None and next_attempt_at > now
        )
        if waiting or dossier_id in blocked:
            blocked.add(dossier_id)
            continue
        chosen.append(entry_id)
        if len(chosen) >= limit:
            break
    return list(
        OutboxEntry.objects.filter(pk__in=chosen)
        .only("id", "dossier_id", "kind", "attempts", "payload")
        .order_by("id")
    )


def _push(batch: list[OutboxEntry]) -> None:
    portal = national_portal()
    creates = [e.payload["dossier"] for e in batch if e.kind == OutboxKind.CREATE]
    updates = [e.payload["dossier"] for e in batch if e.kind == OutboxKind.UPDATE]
    if creates:
        portal.push("create", creates)
    if updates:
        portal.push("update", updates)
    portal.push("progress", [e.payload["progress"] for e in batch])


def _failed(batch: list[OutboxEntry], error: str) -> None:
    now = timezone.now()
    limit = settings.NATIONAL_SYNC_MAX_ATTEMPTS
    with transaction.atomic():
        for entry in batch:
            entry.attempts += 1
            entry.last_error = error[:500]
            if entry.attempts >= limit:
                entry.state = OutboxState.DEAD
                entry.next_attempt_at = None
            else:
                entry.next_attempt_at = now + backoff_delay(
                    entry.attempts, base_seconds=settings.NATIONAL_SYNC_RETRY_SECONDS
                )
        OutboxEntry.objects.bulk_update(
            batch, ["attempts", "last_error", "state", "next_attempt_at"]
        )


def send_batch(batch: list[OutboxEntry]) -> bool:
    """Send one batch; mark it sent, or count a failed attempt on each entry."""
    try:
        _push(batch)
    except NationalPortalError as exc:
        logger.warning("DVCQG sync of %d entries failed: %s", len(batch), exc)
        _failed(batch, str(exc))
        return False
    OutboxEntry.objects.filter(pk__in=[e.pk for e in batch]).update(
        state=OutboxState.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


@dataclass
class DrainReport:
    sent: int = 0
    failed_batches: int = 0
    busy: bool = False
    batches: list[int] = field(default_factory=list)


def drain_outbox(*, batch_size: int | None = None, max_batches: int | None = None) -> DrainReport:
    """Send everything eligible, batch after batch, unless another process is at it. A refused
    batch ends the drain (the portal is likely down: its entries wait for their retry, and the
    rest for the next drain rather than each failing in turn)."""
    batch_size = batch_size or settings.NATIONAL_SYNC_BATCH_SIZE
    report = DrainReport()
    owner = secrets.token_hex(8)
    write_value(AGAIN_KEY, owner)  # before asking for the lease: see AGAIN_KEY
    while True:
        if not take_lease(LEASE_KEY, owner, seconds=settings.NATIONAL_SYNC_LEASE_SECONDS):
            report.busy = True
            return report
        try:
            seen = _drain_holding_the_lease(report, owner, batch_size, max_batches)
        finally:
            release_lease(LEASE_KEY, owner)
        if seen is None or _again_token() == seen:
            return report


def _drain_holding_the_lease(
    report: DrainReport, owner: str, batch_size: int, max_batches: int | None
) -> str | None:
    """Send batches until none is left; return the "look again" token read before the last
    (empty) look, or None when the drain stopped for another reason."""
    lease_seconds = settings.NATIONAL_SYNC_LEASE_SECONDS
    while max_batches is None or len(report.batches) < max_batches:
        seen = _again_token()
        batch = eligible_batch(batch_size)
        if not batch:
            return seen
        report.batches.append(len(batch))
        if not send_batch(batch):
            report.failed_batches += 1
            return None
        report.sent += len(batch)
        if not take_lease(LEASE_KEY, owner, seconds=lease_seconds):  # renew; lost: stop
            return None
    return None


def _again_token() -> str:
    row = read_value(AGAIN_KEY)
    return row.value if row else ""


def resend(entry_ids: list[int], *, actor: Any, ip_address: str | None = None) -> int:
    """Put dead entries back in the queue (an officer's decision, audited); return how many."""
    with transaction.atomic():
        entries = list(
            OutboxEntry.objects.select_for_update().filter(pk__in=entry_ids, state=OutboxState.DEAD)
        )
        for entry in entries:
            entry.state, entry.attempts, entry.next_attempt_at = OutboxState.PENDING, 0, None
            audit_log(
                action="interop.outbox_resend",
                actor=actor,
                target=entry.dossier,
                data={"entry": entry.pk, "error": entry.last_error},
                ip_address=ip_address,
            )
        OutboxEntry.objects.bulk_update(entries, ["state", "attempts", "next_attempt_at"])
    if entries:
        from dichvucong.interop.tasks import drain_outbox_task

        enqueue_on_commit(drain_outbox_task)
    return len(entries)


def unsynced_dossier_ids(dossier_ids: list[int] | None = None) -> set[int]:
    """The dossiers (of those given, or all) with an event DVCQG has not acknowledged."""
    rows = OutboxEntry.objects.exclude(state=OutboxState.SENT)
    if dossier_ids is not None:
        rows = rows.filter(dossier_id__in=dossier_ids)
    return set(rows.values_list("dossier_id", flat=True).distinct())
