"""Working-day calendar: weekends, Vietnamese public holidays, overrides and office hours.

Deadlines (ngày hẹn trả) are counted in working time: a working day is the sum of the office
intervals (07:00–11:30 and 13:30–17:00 by default, `OFFICE_HOURS`), so "1 working day" from
Monday 09:00 ends Tuesday 09:00, and a dossier received after hours starts counting from the
next working morning.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

_WEEKEND = {5, 6}  # Saturday, Sunday
_MAX_DAYS_SCANNED = 3660


def office_intervals() -> list[tuple[time, time]]:
    """Return the office intervals of a working day, from `OFFICE_HOURS` ("07:00-11:30,...")."""
    spec = getattr(settings, "OFFICE_HOURS", "07:00-11:30,13:30-17:00")
    return _parse_intervals(spec)


@lru_cache(maxsize=8)
def _parse_intervals(spec: str) -> list[tuple[time, time]]:
    intervals = []
    for part in spec.split(","):
        start, end = (time.fromisoformat(p.strip()) for p in part.split("-"))
        intervals.append((start, end))
    return sorted(intervals)


def working_day_length() -> timedelta:
    """Return how much working time one working day holds."""
    return sum((_span(s, e) for s, e in office_intervals()), timedelta())


def _span(start: time, end: time) -> timedelta:
    return datetime.combine(date.min, end) - datetime.combine(date.min, start)


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Vietnam(years=year).keys())


def _overrides() -> dict[date, str]:
    """Return the admin-edited days (cached; CalendarDay saves clear the cache)."""
    from django.core.cache import cache

    from dichvucong.core.models import CalendarDay

    data = cache.get(OVERRIDES_CACHE_KEY)
    if data is None:
        data = {d.isoformat(): kind for d, kind in CalendarDay.objects.values_list("date", "kind")}
        cache.set(OVERRIDES_CACHE_KEY, data, 300)
    return {date.fromisoformat(k): v for k, v in data.items()}


OVERRIDES_CACHE_KEY = "core:calendar-overrides"


def is_working_day(day: date, overrides: dict[date, str] | None = None) -> bool:
    """Tell whether offices are open on this day."""
    if overrides is None:
        overrides = _overrides()
    kind = overrides.get(day)
    if kind is not None:
        return kind == "work"
    return day.weekday() not in _WEEKEND and day not in _national_holidays(day.year)


def holiday_name(day: date) -> str | None:
    """Return the Vietnamese name of a public holiday on this day, if any."""
    return holidays.Vietnam(years=day.year, language="vi").get(day)


def _tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _working_periods(start: datetime, overrides: dict[date, str]):
    """Yield (period_start, period_end) office periods in local time from `start` onwards."""
    tz = _tz()
    local = start.astimezone(tz)
    day = local.date()
    for _ in range(_MAX_DAYS_SCANNED):
        if is_working_day(day, overrides):
            for open_at, close_at in office_intervals():
                period_start = datetime.combine(day, open_at, tzinfo=tz)
                period_end = datetime.combine(day, close_at, tzinfo=tz)
                if period_end <= local:
                    continue
                yield max(period_start, local), period_end
        day += timedelta(days=1)
    raise ValueError("No working time found within ten years.")


def add_working_time(start: datetime, duration: timedelta) -> datetime:
    """Return the moment when `duration` of office time has passed after `start`."""
    overrides = _overrides()
    remaining = duration
    periods = _working_periods(start, overrides)
    period_start, period_end = next(periods)
    if remaining <= timedelta():
        return period_start
    while True:
        available = period_end - period_start
        if remaining <= available:
            return period_start + remaining
        remaining -= available
        period_start, period_end = next(periods)


def add_working_days(start: datetime, days: Decimal | int | float) -> datetime:
    """Return the deadline `days` working days (halves allowed) after `start`."""
    return add_working_time(start, working_day_length() * float(days))


def working_time_between(start: datetime, end: datetime) -> timedelta:
    """Return the office time between two moments (zero if end is not after start)."""
    if end <= start:
        return timedelta()
    overrides = _overrides()
    total = timedelta()
    for period_start, period_end in _working_periods(start, overrides):
        if period_start >= end:
            break
        total += min(period_end, end) - period_start
    return total


def next_working_start(moment: datetime | None = None) -> datetime:
    """Return the moment counting starts for something received at `moment` (default: now)."""
    return add_working_time(moment or timezone.now(), timedelta())


def closing_time() -> time:
    """Return when offices close on a working day (the end of the last office interval)."""
    return max(close_at for _open_at, close_at in office_intervals())


def end_of_working_day(moment: datetime | None = None) -> datetime:
    """Return when offices close on the working day counting starts for `moment` (trong ngày)."""
    start = next_working_start(moment).astimezone(_tz())
    return datetime.combine(start.date(), closing_time(), tzinfo=_tz())
