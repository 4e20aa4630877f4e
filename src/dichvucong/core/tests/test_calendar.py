from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dichvucong.core.calendar import (
    add_working_days,
    holiday_name,
    is_working_day,
    next_working_start,
    working_time_between,
)
from dichvucong.core.models import CalendarDay, CalendarDayKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN)


def test_weekends_and_public_holidays_are_not_working_days():
    assert is_working_day(date(2026, 11, 25))  # Wednesday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 9, 2))  # National Day
    assert not is_working_day(date(2027, 2, 8))  # Tết 2027 (lunar calendar)
    assert "Giỗ Tổ Hùng Vương" in holiday_name(date(2027, 4, 16))


def test_one_working_day_from_monday_morning_ends_tuesday_same_time():
    assert add_working_days(at(2026, 12, 7, 9), 1) == at(2026, 12, 8, 9)


def test_vietnam_culture_day_24_november_is_a_day_off():
    assert add_working_days(at(2026, 11, 23, 9), 1) == at(2026, 11, 25, 9)


def test_friday_afternoon_deadline_skips_the_weekend():
    assert add_working_days(at(2026, 11, 27, 15), 1) == at(2026, 11, 30, 15)


def test_after_hours_counts_from_next_working_morning():
    assert next_working_start(at(2026, 11, 27, 18)) == at(2026, 11, 30, 7)
    # One whole working day from Monday's opening ends at Monday's closing time.
    assert add_working_days(at(2026, 11, 27, 18), 1) == at(2026, 11, 30, 17)


def test_lunch_break_is_not_working_time():
    assert working_time_between(at(2026, 11, 25, 11), at(2026, 11, 25, 14)) == timedelta(hours=1)


def test_deadline_across_tet_2027():
    # Received Wednesday 3 Feb 2027, 3 working days: 4–10 Feb are Tết, 6–7 a weekend.
    assert add_working_days(at(2027, 2, 3, 9), 3) == at(2027, 2, 15, 9)


def test_half_day_limit():
    assert add_working_days(at(2026, 11, 25, 8), 0.5) == at(2026, 11, 25, 14, 0)


def test_admin_overrides_add_days_off_and_make_up_days():
    CalendarDay.objects.create(date=date(2026, 11, 26), kind=CalendarDayKind.DAY_OFF)
    CalendarDay.objects.create(date=date(2026, 11, 28), kind=CalendarDayKind.WORKING_DAY)
    assert not is_working_day(date(2026, 11, 26))
    assert is_working_day(date(2026, 11, 28))
    assert add_working_days(at(2026, 11, 25, 9), 2) == at(2026, 11, 28, 9)
