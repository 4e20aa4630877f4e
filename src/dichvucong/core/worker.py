"""The background task worker: django-tasks-db's worker made to survive database trouble.

What it adds to `django_tasks_db`'s `Worker`:
- a transient database error (a lock held longer than the timeout, PostgreSQL restarting, a
  dropped connection) is logged and retried with exponential back-off instead of ending the
  process;
- a heartbeat: a `SystemValue` row `tasks.worker.<worker id>` (value: the process id) written
  by a thread every `WORKER_HEARTBEAT_SECONDS`, also while a long task runs;
- a lease: a task left RUNNING by a worker whose heartbeat is older than `TASK_LEASE_SECONDS`
  is put back in the queue (at start and periodically), and after `TASK_MAX_ATTEMPTS` claims it
  is marked failed. The project's tasks take ids, reload and are safe to run again.
"""

import contextlib
import logging
import os
import random
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, close_old_connections, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from dichvucong.core.models import SystemValue
from dichvucong.core.state import write_value

logger = logging.getLogger("dichvucong.worker")

HEARTBEAT_PREFIX = "tasks.worker."
TRANSIENT_ERRORS = (DatabaseError, InterfaceError)


def heartbeat_key(worker_id: str) -> str:
    return f"{HEARTBEAT_PREFIX}{worker_id}"


def latest_heartbeat() -> SystemValue | None:
    """Return the most recent heartbeat of any task worker, or None if none ever beat."""
    return (
        SystemValue.objects.filter(key__startswith=HEARTBEAT_PREFIX).order_by("-updated_at").first()
    )


def backoff_seconds(failures: int, *, cap: float) -> float:
    """Return the wait after the given number of consecutive failures (1 s doubling, jittered)."""
    return min(cap, 2 ** max(0, failures - 1)) * (0.75 + random.random() / 2)  # noqa: S311


def reclaim_abandoned_tasks(*, lease_seconds: float, max_attempts: int) -> list[str]:
    """Requeue RUNNING tasks whose worker stopped beating more than a lease ago; return ids."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=lease_seconds)
    alive = {
        key.removeprefix(HEARTBEAT_PREFIX)
        for key in SystemValue.objects.filter(
            key__startswith=HEARTBEAT_PREFIX, updated_at__gte=cutoff
        ).values_list("key", flat=True)
    }
    reclaimed = []
    with exclusive_transaction(DBTaskResult.objects.db):
        stale = DBTaskResult.objects.running().filter(started_at__lt=cutoff)
        for result in stale.select_for_update(skip_locked=True):
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue  # a long task of a live worker
            if len(result.worker_ids) >= max_attempts:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = "dichvucong.core.worker.AbandonedTask"
                result.traceback = (
                    f"The worker running this task stopped {len(result.worker_ids)} times."
                )
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                logger.error("Task %s abandoned after %d attempts", result.id, max_attempts)
            else:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                logger.warning(
                    "Task %s (%s) was left running by worker %s; queued again",
                    result.id,
                    result.task_path,
                    result.worker_ids[-1] if result.worker_ids else "?",
                )
            reclaimed.append(str(result.id))
    # Heartbeats of workers gone for a day tell nothing any more.
    SystemValue.objects.filter(
        key__startswith=HEARTBEAT_PREFIX, updated_at__lt=now - timedelta(days=1)
    ).delete()
    return reclaimed


class Heartbeat(threading.Thread):
    """Write the worker's heartbeat row every few seconds until stopped."""

    def __init__(self, worker_id: str, every: float):
        super().__init__(name="task-worker-heartbeat", daemon=True)
        self.key, self.every = heartbeat_key(worker_id), every
        self.stopped = threading.Event()

    def beat(self) -> None:
        try:
            close_old_connections()
            write_value(self.key, str(os.getpid()))
        except TRANSIENT_ERRORS as exc:
            logger.warning("Heartbeat not written: %s", exc)
            connection.close()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.beat()
            self.stopped.wait(self.every)
        connection.close()


class SupervisedWorker(Worker):
    """django-tasks-db's worker loop, with back-off on database errors, heartbeat and lease."""

    def __init__(self, *, heartbeat: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.heartbeat = Heartbeat(self.worker_id, settings.WORKER_HEARTBEAT_SECONDS)
        self.heartbeat_enabled = heartbeat
        self.failures = 0
        self.next_reclaim = 0.0

    def run(self) -> None:
        logger.info("Starting worker %s (pid %d)", self.worker_id, os.getpid())
        if self.heartbeat_enabled:
            self.heartbeat.beat()  # before the first reclaim, so this worker counts as alive
            self.heartbeat.start()
        try:
            self._loop()
        finally:
            self.heartbeat.stopped.set()

    def _loop(self) -> None:
        while self.running:
            try:
                task_result, retrieved = self._step()
            except TRANSIENT_ERRORS as exc:
                self._wait_after(exc)
                continue
            self.failures = 0
            if self.batch and retrieved and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                time.sleep(self.interval)

    def _step(self) -> tuple[DBTaskResult | None, bool]:
        """Reclaim when due, then claim and run one task; return it (None if none was ready)."""
        close_old_connections()
        if time.monotonic() >= self.next_reclaim:
            reclaim_abandoned_tasks(
                lease_seconds=settings.TASK_LEASE_SECONDS,
                max_attempts=settings.TASK_MAX_ATTEMPTS,
            )
            self.next_reclaim = time.monotonic() + settings.TASK_LEASE_SECONDS / 2
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)  # RUNNING: no other worker takes it
        if task_result is not None:
            # A database error while recording the outcome leaves the task RUNNING; the lease
            # brings it back once this worker is gone, or the next reclaim after a restart.
            self.run_task(task_result)
        return task_result, True

    def _wait_after(self, exc: Exception) -> None:
        self.failures += 1
        delay = backoff_seconds(self.failures, cap=settings.WORKER_BACKOFF_MAX_SECONDS)
        logger.warning(
            "Database error in the task worker (%s: %s); attempt %d, retrying in %.1f s",
            type(exc).__name__,
            str(exc).strip()[:200],
            self.failures,
            delay,
        )
        if not connection.in_atomic_block:
            with contextlib.suppress(*TRANSIENT_ERRORS):
                connection.close()  # the next step reconnects
        time.sleep(delay)
