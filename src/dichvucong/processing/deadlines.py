"""Deadlines on the working-day calendar: due dates, the supplement pause, timeliness."""

from datetime import datetime, timedelta

from django.utils import timezone

from dichvucong.core.calendar import (
    add_working_days,
    add_working_time,
    working_time_between,
)
from dichvucong.dossiers.models import Dossier, Timeliness
from dichvucong.dossiers.statuses import CLOCK_RUNNING

DUE_SOON_WORKING_DAYS = 1


def pause_clock(dossier: Dossier, now: datetime) -> None:
    """Stop counting the deadline while the citizen supplements papers."""
    if dossier.clock_paused_at is None:
        dossier.clock_paused_at = now


def resume_clock(dossier: Dossier, now: datetime) -> timedelta:
    """Restart the deadline, moving it by the working time it was paused; return that time."""
    if dossier.clock_paused_at is None:
        return timedelta()
    paused = working_time_between(dossier.clock_paused_at, now)
    if dossier.due_at is not None and paused > timedelta():
        dossier.due_at = add_working_time(dossier.due_at, paused)
    dossier.clock_paused_at = None
    return paused


def original_due_at(dossier: Dossier) -> datetime | None:
    """Return the appointment before any apology and new appointment (form 04)."""
    first = dossier.extensions.order_by("created_at", "id").first()
    return first.old_due_at if first else dossier.due_at


def timeliness_of(dossier: Dossier, completed_at: datetime) -> str:
    """Classify a completion as early, on time or late against the original appointment."""
    due = original_due_at(dossier)
    if due is None:
        return Timeliness.ON_TIME
    if completed_at > due:
        return Timeliness.LATE
    local_done = timezone.localtime(completed_at).date()
    local_due = timezone.localtime(due).date()
    return Timeliness.EARLY if local_done < local_due else Timeliness.ON_TIME


def due_soon_threshold(now: datetime | None = None) -> datetime:
    """Return the moment before which an open dossier counts as due soon."""
    return add_working_days(now or timezone.now(), DUE_SOON_WORKING_DAYS)


def deadline_mark(dossier: Dossier, now: datetime, soon: datetime) -> str:
    """Return "overdue", "due_soon" or "" for an open dossier."""
    if dossier.due_at is None or dossier.status not in CLOCK_RUNNING:
        return ""
    if dossier.due_at < now:
        return "overdue"
    return "due_soon" if dossier.due_at <= soon else ""
