"""Small named values the portal's processes share (`SystemValue` rows): digests, heartbeats."""

from datetime import datetime

from django.utils import timezone

from dichvucong.core.models import SystemValue


def read_value(key: str) -> SystemValue | None:
    """Return the stored row for `key` (its value and when it was written), or None."""
    return SystemValue.objects.filter(key=key).first()


def write_value(key: str, value: str = "", *, moment: datetime | None = None) -> None:
    """Store `value` under `key`, stamped with `moment` (now by default)."""
    moment = moment or timezone.now()
    updated = SystemValue.objects.filter(key=key).update(value=value, updated_at=moment)
    if not updated:
        SystemValue.objects.update_or_create(
            key=key, defaults={"value": value, "updated_at": moment}
        )
