"""Hit counters for rate limits, shared by every web process through the cache."""

from django.core.cache import cache


def count_hit(key: str, *, seconds: int | None, extend: bool = False) -> int:
    """Add one hit to the key's counter and return the new count.

    The first hit opens a window of `seconds` (None: the counter never expires); `extend=True`
    restarts it at every hit. Counting
    is one `incr`, not a read and a write, so concurrent requests cannot all see the same count
    (atomic on Redis and in-process; the database cache narrows the race but cannot close it).
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
