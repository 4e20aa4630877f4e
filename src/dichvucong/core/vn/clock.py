"""Moments as the national systems exchange them: `yyyyMMddHHmmss` in Vietnam's time (GMT+7),
24-hour, whatever the portal's own TIME_ZONE (VNPay, the DVCQG payment platform, dossier sync)."""

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
COMPACT_FORMAT = "%Y%m%d%H%M%S"


def compact_time(moment: datetime | None) -> str:
    """Format an aware moment as yyyyMMddHHmmss in Vietnam's time ("" for None)."""
    if moment is None:
        return ""
    return moment.astimezone(VIETNAM_TIME).strftime(COMPACT_FORMAT)


def parse_compact_time(text: str) -> datetime:
    """Read a yyyyMMddHHmmss moment in Vietnam's time; ValueError when it is not one."""
    value = str(text or "").strip()
    if len(value) != len("20270201054200") or not value.isdigit():
        raise ValueError(f"not a yyyyMMddHHmmss moment: {value!r}")
    return datetime.strptime(value, COMPACT_FORMAT).replace(tzinfo=VIETNAM_TIME)
