"""Every dossier event reaches the (fake) national portal once, in order, across failures."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from dichvucong.core.models import AuditLog
from dichvucong.core.state import take_lease
from dichvucong.dossiers.models import DossierEvent
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.interop.models import OutboxEntry, OutboxKind, OutboxState
from dichvucong.interop.sync import outbox
from dichvucong.interop.sync.outbox import drain_outbox, resend, unsynced_dossier_ids
from dichvucong.interop.sync.reconcile import reconcile
from dichvucong.interop.tests.fake_portal import FakeNationalPortal
from dichvucong.processing.services.transition import dossier_transition
from dichvucong.processing.tests.factories import agency_officer, make_dossier, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(settings):
    fake = FakeNationalPortal()
    with fake.running():
        fake.configure(settings)
        settings.NATIONAL_SYNC_RETRY_SECONDS = 30
        settings.NATIONAL_SYNC_MAX_ATTEMPTS = 3
        yield fake


def _reported_in_order(dossier) -> list[str]:
    """The statuses the dossier's own history says the portal should have, in order."""
    return [entry.payload["progress"]["TrangThai"] for entry in dossier.outbox.order_by("id")]


def test_a_dossier_walked_to_returned_is_reported_once_per_step_in_order(portal):
    dossier = make_dossier(status=S.RETURNED)
    report = drain_outbox()
    assert report.sent == dossier.events.count()
    statuses = portal.statuses(dossier.code)
    assert statuses == _reported_in_order(dossier)
    changes = [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]]
    assert changes == ["receiving", "new", "processing", "releasing", "done"]
    record = portal.dossiers[dossier.code]
    assert record["TrangThaiHoSo"] == "done"
    assert record["KenhThucHien"] == 2
    assert record["MaTTHC"] == dossier.procedure.code
    assert len(record["NgayHenTra"]) == 14 and record["NgayHenTra"].isdigit()
    assert portal.received_counts["create"] == 1
    assert not unsynced_dossier_ids()


def test_the_entry_is_written_in_the_event_s_transaction(portal):
    dossier = make_dossier(status=S.NEW)
    before = OutboxEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        DossierEvent.objects.create(dossier=dossier, action="note", note="x")
        assert OutboxEntry.objects.count() == before + 1
        raise RuntimeError("rolled back")
    assert OutboxEntry.objects.count() == before


def test_a_draft_is_never_reported(portal):
    from dichvucong.dossiers.tests.factories import DossierFactory

    draft = DossierFactory(draft=True)
    DossierEvent.objects.create(dossier=draft, action="note")
    assert not draft.outbox.exists()


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 500},
        {"status": 503},
        {"status": 200, "body": b"<html>bao tri</html>"},
        {"status": 200, "body": b'{"error_code": "-1", "message": "Loi he thong"}'},
    ],
    ids=["500", "503", "not-json", "refused"],
)
def test_a_failed_send_waits_for_its_retry_and_keeps_the_order(portal, failure):
    dossier = make_dossier(status=S.RECEIVED)
    portal.fail_next(**failure)
    report = drain_outbox()
    assert report.sent == 0 and report.failed_batches == 1
    entries = list(dossier.outbox.order_by("id"))
    assert all(e.state == OutboxState.PENDING and e.attempts == 1 for e in entries)
    assert all(e.next_attempt_at > timezone.now() for e in entries)
    # A newer event of the same dossier does not overtake the ones waiting for their retry.
    walk_to(dossier, S.PROCESSING)
    assert drain_outbox().sent == 0
    assert portal.statuses(dossier.code) == []
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=True):
        assert drain_outbox().sent == dossier.outbox.count()
    assert portal.statuses(dossier.code) == _reported_in_order(dossier)


def test_a_slow_portal_is_a_timeout_not_a_hang(portal):
    dossier = make_dossier(status=S.NEW)
    portal.slow_seconds = 3  # the client waits 2 s
    drain_outbox()
    entry = dossier.outbox.get()
    assert entry.state == OutboxState.PENDING and "Timeout" in entry.last_error


def test_after_its_last_attempt_an_entry_is_dead_until_an_officer_resends_it(portal):
    stuck = make_dossier(status=S.NEW)
    moment = timezone.now()
    for _attempt in range(3):
        portal.fail_next()
        with time_machine.travel(moment, tick=True):
            drain_outbox()
        moment += timedelta(hours=2)
    entry = stuck.outbox.get()
    assert entry.state == OutboxState.DEAD and entry.attempts == 3
    other = make_dossier(status=S.NEW)
    walk_to(stuck, S.RECEIVED)
    with time_machine.travel(moment, tick=True):
        drain_outbox()
    assert other.code in portal.dossiers  # another dossier is not held up
    assert portal.statuses(stuck.code) == []  # but nothing of this one overtakes the dead entry
    assert unsynced_dossier_ids([stuck.pk, other.pk]) == {stuck.pk}
    officer = agency_officer(stuck.agency, "leader")
    assert resend([entry.pk], actor=officer) == 1
    assert AuditLog.objects.filter(action="interop.outbox_resend", actor=officer).exists()
    with time_machine.travel(moment, tick=True):
        drain_outbox()
    assert portal.statuses(stuck.code) == ["receiving", "new"]


def test_a_drainer_that_died_holding_the_lease_is_taken_over_and_nothing_is_doubled(
    portal, settings, monkeypatch
):
    dossier = make_dossier(status=S.PROCESSING)
    real_push = outbox._push

    def push_then_die(batch):
        real_push(batch)  # the portal has it all ...
        raise SystemExit("worker killed")  # ... but we never record that

    monkeypatch.setattr(outbox, "_push", push_then_die)
    with pytest.raises(SystemExit):
        drain_outbox()
    monkeypatch.setattr(outbox, "_push", real_push)
    assert dossier.outbox.filter(state=OutboxState.PENDING).count() == dossier.outbox.count()
    # A killed process does not release its lease: the next drainer waits for it to expire.
    take_lease(outbox.LEASE_KEY, "dead-worker", seconds=settings.NATIONAL_SYNC_LEASE_SECONDS)
    assert drain_outbox().busy
    later = timezone.now() + timedelta(seconds=settings.NATIONAL_SYNC_LEASE_SECONDS + 5)
    with time_machine.travel(later, tick=True):
        assert drain_outbox().sent == dossier.outbox.count()
    assert portal.statuses(dossier.code) == _reported_in_order(dossier)
    assert portal.received_counts["progress"] == 2 * dossier.outbox.count()  # sent twice ...
    assert len(portal.progress[dossier.code]) == dossier.outbox.count()  # ... recorded once


def test_a_resubmission_reports_the_old_and_the_new_appointment(portal):
    dossier = make_dossier(status=S.SUPPLEMENT_REQUESTED)
    asked = dossier.outbox.order_by("id").last().payload["dossier"]["DanhSachHoSoBoSung"]
    assert asked and asked[0]["NgayHenTraTruoc"]
    dossier_transition(dossier=dossier, to=S.PROCESSING, actor=dossier.applicant)  # resubmits
    entry = dossier.outbox.order_by("id").last()
    supplement = entry.payload["dossier"]["DanhSachHoSoBoSung"][0]
    assert supplement["NgayHenTraTruoc"] == asked[0]["NgayHenTraTruoc"]
    assert supplement["NgayHenTraMoi"] == entry.payload["dossier"]["NgayHenTra"]
    assert supplement["NgayHenTraMoi"] >= supplement["NgayHenTraTruoc"]


def test_the_first_entry_creates_and_the_rest_update(portal):
    dossier = make_dossier(status=S.PROCESSING)
    kinds = list(dossier.outbox.order_by("id").values_list("kind", flat=True))
    assert kinds[0] == OutboxKind.CREATE and set(kinds[1:]) == {OutboxKind.UPDATE}


def test_the_reconciliation_counts_per_agency_and_lists_the_never_synced(portal):
    synced = make_dossier(status=S.RECEIVED)
    drain_outbox()
    waiting = make_dossier(status=S.NEW, agency=synced.agency, procedure=synced.procedure)
    report = reconcile()
    row = next(r for r in report.rows if r["agency"] == synced.agency.code)
    assert (row["local"], row["acknowledged"], row["waiting"]) == (2, 1, 1)
    assert report.never_synced == [waiting.code]


def test_after_commit_a_drain_is_queued_and_sends_the_event(
    portal, settings, django_capture_on_commit_callbacks
):
    settings.NATIONAL_SYNC_DRAIN_ON_COMMIT = True  # as in production (tests run tasks at once)
    with django_capture_on_commit_callbacks(execute=True):
        dossier = make_dossier(status=S.RECEIVED)
    assert portal.statuses(dossier.code) == ["receiving", "new"]
    assert not dossier.outbox.exclude(state=OutboxState.SENT).exists()


def test_a_refused_batch_ends_the_drain_instead_of_failing_every_dossier_in_turn(portal):
    first, second = make_dossier(status=S.NEW), make_dossier(status=S.NEW)
    portal.fail_next(times=5, status=503)
    report = drain_outbox(batch_size=1)
    assert (report.sent, report.failed_batches, report.batches) == (0, 1, [1])
    assert first.outbox.get().attempts == 1
    assert second.outbox.get().attempts == 0  # not tried against a portal that is down
    assert len(portal.calls) == 1
