"""Drain the DVCQG outbox against the fake national portal on loopback (PostgreSQL).

    /work/main/.venv/bin/python bench/sync.py [--events 100000] [--batch 200] [--rate 100]

1. Throughput: `--events` outbox entries (10 per dossier, each with a real dossier's payload)
   drained by `drain_outbox` against `FakeNationalPortal` running in its own process; events
   per second, including the database updates that mark them sent.
2. Delay: for `--seconds`, a writer records dossier events at `--rate` per second through the
   real path (a DossierEvent's post_save writes the entry) while a drainer loops as the worker
   does; the delay from each entry's commit to its acknowledgement, p50/p95.

Creates the database `dvc_bench_sync` beside BENCH_ADMIN_URL's and drops it afterwards.
Targets (issue 14): ≥ 500 events/s, p95 delay ≤ 5 s. Exit status 1 when one is missed.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "dvc_bench_sync"
EVENTS_PER_SECOND, P95_DELAY_SECONDS = 500.0, 5.0


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def serve_portal(port_queue) -> None:
    """Run the fake national portal in this (child) process until it is terminated."""
    from dichvucong.interop.tests.fake_portal import FakeNationalPortal

    fake = FakeNationalPortal()
    port_queue.put(fake.url)
    fake.server.serve_forever(poll_interval=0.05)


def setup_django(portal_url: str, batch: int) -> None:
    base = ADMIN_URL.rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{DB_NAME}"
    os.environ.setdefault("DVC_TESTING", "1")
    os.environ["TASKS_BACKEND"] = "immediate"
    os.environ["NATIONAL_SYNC_DRAIN_ON_COMMIT"] = "0"  # the bench's drainer does the sending
    os.environ["NATIONAL_PORTAL_PROVIDER"] = "dvcqg"
    os.environ["NATIONAL_SYNC_BATCH_SIZE"] = str(batch)
    from dichvucong.interop.tests.fake_portal import PROVINCE, TOKEN

    os.environ["DVCQG_SYNC_PROVINCE_ID"], os.environ["DVCQG_SYNC_TOKEN"] = PROVINCE, TOKEN
    for name in ("create", "update", "progress", "pull", "file", "ack"):
        os.environ[f"DVCQG_SYNC_{name.upper()}_URL"] = f"{portal_url}/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "dichvucong.settings"
    import django

    django.setup()


def seed(events: int):
    """One dossier walked through the services (a real payload), then `events` entries on
    events // 10 bulk-made dossiers, ten each, carrying that payload."""
    from django.core.management import call_command

    from dichvucong.dossiers.models import Dossier, DossierStatus
    from dichvucong.interop.models import OutboxEntry, OutboxKind
    from dichvucong.processing.tests.factories import make_dossier

    call_command("migrate", verbosity=0)
    model = make_dossier(status=DossierStatus.PROCESSING)
    payload = model.outbox.order_by("id").last().payload
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            procedure=model.procedure,
            agency=model.agency,
            code=f"B56-{i:07d}",
            applicant_name=f"Người nộp {i}",
            status=DossierStatus.PROCESSING,
            channel=2,
        )
        for i in range(events // 10)
    )
    batch = []
    for dossier in dossiers:
        for step in range(10):
            record = dict(payload["dossier"], MaHoSo=dossier.code)
            progress = dict(payload["progress"], MaHoSo=dossier.code, NoiDungXuLy=f"Bước {step}")
            batch.append(
                OutboxEntry(
                    dossier=dossier,
                    kind=OutboxKind.CREATE if step == 0 else OutboxKind.UPDATE,
                    payload={"dossier": record, "progress": progress},
                )
            )
        if len(batch) >= 20_000:
            OutboxEntry.objects.bulk_create(batch)
            batch = []
    OutboxEntry.objects.bulk_create(batch)
    OutboxEntry.objects.filter(dossier=model).delete()
    return model


def throughput(batch: int) -> tuple[int, float]:
    from dichvucong.interop.models import OutboxEntry, OutboxState
    from dichvucong.interop.sync.outbox import drain_outbox

    started = time.perf_counter()
    report = drain_outbox(batch_size=batch)
    elapsed = time.perf_counter() - started
    left = OutboxEntry.objects.exclude(state=OutboxState.SENT).count()
    if left or report.failed_batches:
        raise SystemExit(f"{left} entries left, {report.failed_batches} failed batches")
    return report.sent, elapsed


def delay_under_load(model, *, rate: float, seconds: float) -> list[float]:
    """Write events at `rate`/s through the real path while a drainer loops; return delays."""
    from django.db import connection

    from dichvucong.dossiers.models import DossierEvent
    from dichvucong.interop.models import OutboxEntry, OutboxState
    from dichvucong.interop.sync.outbox import drain_outbox

    first = OutboxEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    stop = threading.Event()

    def drainer():
        while not stop.is_set():
            if not drain_outbox().sent:
                time.sleep(0.2)  # what the worker does between wake-ups on an idle queue
        connection.close()

    thread = threading.Thread(target=drainer)
    thread.start()
    deadline = time.monotonic() + seconds
    written = 0
    while time.monotonic() < deadline:
        DossierEvent.objects.create(dossier=model, action="note", note=f"Ghi chú {written}")
        written += 1
        time.sleep(max(0.0, written / rate - (seconds - (deadline - time.monotonic()))))
    for _ in range(100):
        if not OutboxEntry.objects.filter(id__gt=first).exclude(state=OutboxState.SENT).exists():
            break
        time.sleep(0.1)
    stop.set()
    thread.join()
    rows = OutboxEntry.objects.filter(id__gt=first, state=OutboxState.SENT)
    return [(r.sent_at - r.created_at).total_seconds() for r in rows.only("created_at", "sent_at")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    ports = multiprocessing.Queue()
    portal = multiprocessing.Process(target=serve_portal, args=(ports,), daemon=True)
    portal.start()
    portal_url = ports.get(timeout=10)
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        setup_django(portal_url, args.batch)
        model = seed(args.events)
        sent, elapsed = throughput(args.batch)
        delays = sorted(delay_under_load(model, rate=args.rate, seconds=args.seconds))
        from django.db import connections

        connections.close_all()
    finally:
        portal.terminate()
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    rate = sent / elapsed
    p50 = statistics.median(delays)
    p95 = delays[int(len(delays) * 0.95) - 1]
    print("| events drained | batch | seconds | events/s | delay p50 | delay p95 |")
    print("|---|---|---|---|---|---|")
    print(
        f"| {sent:,} | {args.batch} | {elapsed:.1f} | {rate:,.0f} | "
        f"{p50:.2f} s | {p95:.2f} s ({len(delays)} events at {args.rate:g}/s) |"
    )
    missed = rate < EVENTS_PER_SECOND or p95 > P95_DELAY_SECONDS
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
