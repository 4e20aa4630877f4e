"""Shared reads."""

import time

from dichvucong.core.models import Province

# The province changes perhaps once a year; every page shows it. Each process keeps it for a
# minute, so no page pays a query or a cache round trip for it.
_PROVINCE_TTL_SECONDS = 60
_memo: dict[str, tuple[float, Province | None]] = {}


def current_province() -> Province | None:
    """Return the province running this portal (kept in the process for a minute)."""
    now = time.monotonic()
    hit = _memo.get("province")
    if hit is not None and now - hit[0] < _PROVINCE_TTL_SECONDS:
        return hit[1]
    province = Province.objects.filter(is_current=True).order_by("pk").first()
    _memo["province"] = (now, province)
    return province


def forget_current_province() -> None:
    """Drop this process's copy after the province changes (others refresh within a minute)."""
    _memo.clear()
