"""Helpers for background tasks: queue after commit, retry with backoff."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone


def enqueue_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue the task once the surrounding transaction commits (at once if there is none)."""
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)


def backoff_delay(attempt: int, *, base_seconds: int = 30, cap_seconds: int = 3600) -> timedelta:
    """Return the exponential delay before the given retry attempt (1-based)."""
    return timedelta(seconds=min(cap_seconds, base_seconds * 2 ** max(0, attempt - 1)))


def enqueue_retry(task: Any, attempt: int, *args: Any, **kwargs: Any) -> None:
    """Queue the task again after an exponential delay (immediately on backends without defer)."""
    backend_supports_defer = task.get_backend().supports_defer
    if backend_supports_defer:
        task = task.using(run_after=timezone.now() + backoff_delay(attempt))
    task.enqueue(*args, **kwargs)
