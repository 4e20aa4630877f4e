"""Tasks the worker tests queue: each records that it finished, idempotently, under a key."""

import time

from django_tasks import task


@task()
def record_done(key: str, seconds: float = 0.0) -> str:
    """Wait `seconds`, then record `key` as done (a second run finds it done)."""
    from dichvucong.core.models import SystemValue
    from dichvucong.core.state import write_value

    time.sleep(seconds)
    if not SystemValue.objects.filter(key=f"test.done.{key}").exists():
        write_value(f"test.done.{key}", "1")
    return key
