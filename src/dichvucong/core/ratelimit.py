"""Counters for rate limits, shared by every web process.

`hit()` is the one step that both counts and tells: it adds one to the key's counter under a
row lock and returns the new count, so requests arriving together each get a different count
and at most `limit` of them see a count within the limit (count first, then decide; never
read, decide, then count). `count_hit()` is a lighter cache counter for values that are not
limits (cache generations).
"""

import hashlib
import secrets
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from dichvucong.core.models import RateCounter

MAX_KEY = 200
PURGE_ONE_IN = 200


def _key(key: str) -> str:
    if len(key) <= MAX_KEY:
        return key
    return key[:100] + "#" + hashlib.sha256(key.encode()).hexdigest()


def _expiry(seconds: int | None):
    return timezone.now() + timedelta(seconds=seconds) if seconds else None


def _live(now) -> Q:
    return Q(expires_at__isnull=True) | Q(expires_at__gt=now)


def hit(key: str, *, seconds: int | None, extend: bool = False) -> int:
    """Add one to the key's counter and return the new count (one atomic step).

    The first hit opens a window of `seconds` (None: never expires); `extend=True` restarts
    the window at every hit, so a lock lasts `seconds` from the last attempt.
    """
    key, now = _key(key), timezone.now()
    with transaction.atomic():
        row = RateCounter.objects.select_for_update().filter(key=key).first()
        if row is None:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, expires_at=_expiry(seconds))
                if secrets.randbelow(PURGE_ONE_IN) == 0:
                    purge_expired()  # now and then, so finished windows do not pile up
                return 1
            except IntegrityError:  # another request created it first: wait for its lock
                row = RateCounter.objects.select_for_update().get(key=key)
        if row.expires_at is not None and row.expires_at <= now:
            row.count, row.expires_at = 1, _expiry(seconds)
        else:
            row.count += 1
            if extend:
                row.expires_at = _expiry(seconds)
        row.save(update_fields=["count", "expires_at"])
        return row.count


def release(*keys: str) -> None:
    """Take back one hit from each key (an attempt that turned out not to be a failure)."""
    RateCounter.objects.filter(
        _live(timezone.now()), key__in=[_key(k) for k in keys], count__gt=0
    ).update(count=F("count") - 1)


def forget(*keys: str) -> None:
    """Drop the counters (after a success that clears them)."""
    RateCounter.objects.filter(key__in=[_key(k) for k in keys]).delete()


def forget_prefix(prefix: str) -> None:
    """Drop every counter whose key starts with the prefix (short prefixes only)."""
    RateCounter.objects.filter(key__startswith=prefix).delete()


def purge_expired() -> int:
    """Delete counters whose window is over; return how many."""
    return RateCounter.objects.filter(expires_at__lte=timezone.now()).delete()[0]


def count_hit(key: str, *, seconds: int | None, extend: bool = False) -> int:
    """Add one hit to a cache counter and return the new count (not for limits: use hit()).

    The first hit opens a window of `seconds` (None: the counter never expires); `extend=True`
    restarts it at every hit. Atomic on Redis and in-process; the database cache can lose a
    hit between two processes, which is harmless for cache generations.
    """
    if cache.add(key, 1, seconds):
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        return 1
    if extend:
        cache.touch(key, seconds)
    return count
