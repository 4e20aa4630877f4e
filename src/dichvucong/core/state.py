"""Small named values the portal's processes share (`SystemValue` rows): digests, heartbeats,
leases."""

from datetime import datetime, timedelta

from django.db.models import Q
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


def take_lease(key: str, owner: str, *, seconds: int) -> bool:
    """Hold the lease `key` for `seconds` if it is free, expired or already ours; one atomic
    conditional update, so of two processes asking at once only one gets it."""
    now = timezone.now()
    SystemValue.objects.get_or_create(key=key, defaults={"value": "", "updated_at": now})
    free = Q(value="") | Q(value=owner) | Q(updated_at__lt=now - timedelta(seconds=seconds))
    return bool(SystemValue.objects.filter(free, key=key).update(value=owner, updated_at=now))


def release_lease(key: str, owner: str) -> None:
    """Give the lease back (only if we still hold it)."""
    SystemValue.objects.filter(key=key, value=owner).update(value="")
