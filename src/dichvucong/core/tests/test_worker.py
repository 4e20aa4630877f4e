"""The task worker survives database errors, reclaims abandoned tasks and beats."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from dichvucong.core import worker as worker_module
from dichvucong.core.models import SystemValue
from dichvucong.core.state import write_value
from dichvucong.core.tests.worker_helpers import queue_task, running_task
from dichvucong.core.worker import (
    SupervisedWorker,
    heartbeat_key,
    latest_heartbeat,
    reclaim_abandoned_tasks,
)

pytestmark = [pytest.mark.usefixtures("fixed_clock"), pytest.mark.django_db(transaction=True)]


def _worker(**overrides) -> SupervisedWorker:
    values = {
        "queue_names": ["default"],
        "excluded_queue_names": [],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test-worker",
        "heartbeat": False,
    } | overrides
    return SupervisedWorker(**values)


def _done() -> set[str]:
    keys = SystemValue.objects.filter(key__startswith="test.done.").values_list("key", flat=True)
    return {key.removeprefix("test.done.") for key in keys}


def test_the_worker_waits_out_database_errors_with_backoff_and_then_runs_the_tasks(monkeypatch):
    queue_task("a")
    queue_task("b")
    real_get_locked = DBTaskResultQuerySet.get_locked
    failures = iter(
        [
            OperationalError("server closed the connection unexpectedly"),
            OperationalError("could not connect to server: Connection refused"),
            OperationalError("database is locked"),
        ]
    )

    def flaky_get_locked(queryset):
        error = next(failures, None)
        if error is not None:
            raise error
        return real_get_locked(queryset)

    sleeps: list[float] = []
    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", flaky_get_locked)
    monkeypatch.setattr(worker_module.time, "sleep", sleeps.append)

    _worker().run()

    assert _done() == {"a", "b"}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    waits = [s for s in sleeps if s > 0]  # the tasks' own sleep(0) is patched too
    assert len(waits) == 3 and waits[0] < waits[1] < waits[2]  # 1 s, 2 s, 4 s (± a quarter)


def test_a_task_left_running_by_a_dead_worker_is_queued_again_and_completes_once(settings):
    settings.TASK_LEASE_SECONDS = 60
    abandoned = running_task("abandoned", worker_ids=["dead-worker"])
    write_value(heartbeat_key("busy-worker"))
    long_task = running_task("long", worker_ids=["busy-worker"])
    just_claimed = running_task("fresh", worker_ids=["dead-worker"], minutes_ago=0)

    reclaimed = reclaim_abandoned_tasks(lease_seconds=60, max_attempts=5)

    assert reclaimed == [str(abandoned.pk)]
    abandoned.refresh_from_db()
    assert abandoned.status == TaskResultStatus.READY
    long_task.refresh_from_db()
    just_claimed.refresh_from_db()
    assert long_task.status == just_claimed.status == TaskResultStatus.RUNNING

    _worker().run()

    abandoned.refresh_from_db()
    assert abandoned.status == TaskResultStatus.SUCCESSFUL
    assert abandoned.worker_ids == ["dead-worker", "test-worker"]
    assert _done() == {"abandoned"}


def test_a_task_that_keeps_killing_its_worker_is_failed_after_the_last_attempt():
    doomed = running_task("doomed", worker_ids=["w1", "w2", "w3"])

    reclaim_abandoned_tasks(lease_seconds=60, max_attempts=3)

    doomed.refresh_from_db()
    assert doomed.status == TaskResultStatus.FAILED
    assert doomed.exception_class_path.endswith("AbandonedTask")


def test_the_worker_reclaims_at_start(settings):
    settings.TASK_LEASE_SECONDS = 60
    running_task("left-over", worker_ids=["dead-worker"])

    _worker().run()

    assert _done() == {"left-over"}


def test_the_heartbeat_row_names_the_worker_and_is_refreshed():
    worker = _worker(worker_id="beating")
    worker.heartbeat.beat()
    first = latest_heartbeat()
    SystemValue.objects.filter(pk=first.pk).update(updated_at=timezone.now() - timedelta(hours=1))

    worker.heartbeat.beat()

    beat = latest_heartbeat()
    assert beat.key == "tasks.worker.beating" and beat.value.isdigit()
    assert timezone.now() - beat.updated_at < timedelta(minutes=1)
