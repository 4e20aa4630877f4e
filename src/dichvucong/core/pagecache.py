"""A small in-process cache of whole public pages (bounded, short-lived).

Pages that are the same bytes for every anonymous visitor (no session, no per-visitor token)
are kept here, so serving them again costs about as much as a bare view. Keys carry whatever
makes a page change (a catalog version, a dossier code): callers forget or re-key on change.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.http import HttpRequest, HttpResponse

MAX_ENTRIES = 1024
_entries: OrderedDict[str, tuple[float, object]] = OrderedDict()
_lock = threading.Lock()


def is_anonymous_visit(request: HttpRequest) -> bool:
    """Tell whether the request can be answered with a page shared by all anonymous visitors."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def is_shareable(request: HttpRequest, response: HttpResponse) -> bool:
    """Tell whether a rendered page holds nothing of this visitor (no cookie, no CSRF token)."""
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


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


def put(key: str, value, *, ttl: float | None = None) -> None:
    """Keep the value for `ttl` seconds (default LOOKUP_PAGE_CACHE_SECONDS), bounded in size."""
    if ttl is None:
        ttl = getattr(settings, "LOOKUP_PAGE_CACHE_SECONDS", 10)
    if ttl <= 0:
        return
    with _lock:
        _entries[key] = (time.monotonic() + ttl, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def forget(keys: list[str]) -> None:
    """Drop the given keys (after what they show changed in this process)."""
    with _lock:
        for key in keys:
            _entries.pop(key, None)


def clear() -> None:
    with _lock:
        _entries.clear()


def html_response(body: bytes) -> HttpResponse:
    """Answer with a cached page."""
    return HttpResponse(body, content_type="text/html; charset=utf-8")
