"""Health check for load balancers and monitoring: can the portal write, and is work flowing?

`/healthz` answers JSON with one entry per check and 503 when any fails:
- `database`: a real write (a `SystemValue` row, rolled back) in a transaction;
- `queue`: age of the oldest task that is due and still waiting (database task backend only);
- `worker`: age of the newest task worker heartbeat (database task backend only).
"""

import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone

logger = logging.getLogger(__name__)
_ERRORS = (DatabaseError, InterfaceError)


def _database_write() -> dict:
    from dichvucong.core.state import write_value

    try:
        with transaction.atomic():
            write_value("health.write")
            transaction.set_rollback(True)
    except _ERRORS as exc:
        logger.warning("Health check: the database refused a write: %s", exc)
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def _uses_database_tasks() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def _age(moment) -> float | None:
    return None if moment is None else round((timezone.now() - moment).total_seconds(), 1)


def _oldest_waiting():
    """Return since when the longest-waiting due task has waited (None if none waits)."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    ready = DBTaskResult.objects.ready()
    undeferred = ready.filter(run_after=get_date_max()).order_by("enqueued_at")
    deferred = ready.exclude(run_after=get_date_max()).order_by("run_after")
    # A deferred task waits from its run_after, not from when it was queued.
    moments = [
        undeferred.values_list("enqueued_at", flat=True).first(),
        deferred.values_list("run_after", flat=True).first(),
    ]
    return min((m for m in moments if m is not None), default=None)


def _queue() -> dict:
    age = _age(_oldest_waiting())
    limit = settings.HEALTH_MAX_QUEUE_AGE_SECONDS
    return {"ok": age is None or age <= limit, "oldest_age_seconds": age, "limit_seconds": limit}


def _worker() -> dict:
    from dichvucong.core.worker import latest_heartbeat

    beat = latest_heartbeat()
    age = _age(beat.updated_at if beat else None)
    limit = settings.HEALTH_MAX_HEARTBEAT_AGE_SECONDS
    return {
        "ok": age is not None and age <= limit,
        "heartbeat_age_seconds": age,
        "limit_seconds": limit,
    }


def health_checks() -> dict[str, dict]:
    """Run every check; each answers a dict with at least `ok`."""
    checks = {"database": _database_write()}
    if _uses_database_tasks():
        for name, check in (("queue", _queue), ("worker", _worker)):
            try:
                checks[name] = check()
            except _ERRORS as exc:
                checks[name] = {"ok": False, "error": type(exc).__name__}
    return checks


def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when every check passes, 503 otherwise (with what failed)."""
    checks = health_checks()
    healthy = all(check["ok"] for check in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)
