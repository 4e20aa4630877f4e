"""Queue rows for the worker tests the way the database task backend writes them."""

import os
from datetime import timedelta

from django.db import connection
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


def database_url() -> str:
    """The test database as a DATABASE_URL, for a portal process started by a test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def portal_env(**overrides: str) -> dict[str, str]:
    """The environment of a portal process on the test database (production settings)."""
    dropped = {"DJANGO_SETTINGS_MODULE", "DVC_TESTING", "TASKS_BACKEND", "DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return (
        env
        | {
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "database",
            "SECRET_KEY": "x" * 50,
            "DEMO_MODE": "1",
            "CONN_MAX_AGE": "0",
            "TASK_LEASE_SECONDS": "2",
            "WORKER_HEARTBEAT_SECONDS": "1",
        }
        | overrides
    )
