"""Queue rows for the worker tests the way the database task backend writes them."""

from datetime import timedelta

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

TASK_PATH = "dichvucong.core.tests.worker_tasks.record_done"


def queue_task(key: str, *, seconds: float = 0.0, priority: int = 0, **fields) -> DBTaskResult:
    values = {
        "args_kwargs": {"args": [key], "kwargs": {"seconds": seconds}},
        "task_path": TASK_PATH,
        "backend_name": "default",
        "queue_name": "default",
        "priority": priority,
        "run_after": get_date_max(),
    } | fields
    return DBTaskResult.objects.create(**values)


def running_task(key: str, *, worker_ids: list[str], minutes_ago: int = 10) -> DBTaskResult:
    """A task a worker claimed `minutes_ago` and has not finished."""
    return queue_task(
        key,
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=worker_ids,
    )
