"""A small in-process cache of rendered public lookup pages (bounded, short-lived)."""

import threading
import time
from collections import OrderedDict

from django.conf import settings

MAX_ENTRIES = 1024
_entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
_lock = threading.Lock()


def get(key: str):
    """Return the cached value, or None when absent or expired."""
    with _lock:
        item = _entries.get(key)
        if item is None:
            return None
        if item[0] < time.monotonic():
            del _entries[key]
            return None
        _entries.move_to_end(key)
        return item[1]


def put(key: str, value) -> None:
    """Keep the value for LOOKUP_PAGE_CACHE_SECONDS, dropping the oldest beyond the bound."""
    ttl = getattr(settings, "LOOKUP_PAGE_CACHE_SECONDS", 10)
    if ttl <= 0:
        return
    with _lock:
        _entries[key] = (time.monotonic() + ttl, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def forget(keys: list[str]) -> None:
    """Drop the given keys (after the dossier changed in this process)."""
    with _lock:
        for key in keys:
            _entries.pop(key, None)


def clear() -> None:
    with _lock:
        _entries.clear()
