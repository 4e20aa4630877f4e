"""Rendered catalog fragments, cached per catalog version so every change shows at once."""

import hashlib
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from dichvucong.core import pagecache

_VERSION_KEY = "catalog:version"
# Each web process re-reads the shared version at most this often: other processes see a
# catalog change within a second, and most requests need one cache lookup instead of two.
_VERSION_TTL = 1.0
_local = {"version": None, "checked": 0.0}


def catalog_version() -> str:
    """Return the current catalog version (changes whenever catalog data changes)."""
    now = time.monotonic()
    if _local["version"] is not None and now - _local["checked"] < _VERSION_TTL:
        return _local["version"]
    version = cache.get(_VERSION_KEY)
    if version is None:
        cache.add(_VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(_VERSION_KEY)
    _local.update(version=version, checked=now)
    return version


def bump_catalog_version(**_ignored) -> None:
    """Make every cached catalog fragment stale (call after bulk changes; signals call it)."""
    version = uuid.uuid4().hex
    cache.set(_VERSION_KEY, version, None)
    _local.update(version=version, checked=time.monotonic())


def cache_seconds() -> int:
    """Seconds a fragment is kept; off by default under tests, whose rollbacks send no signal."""
    default = 0 if getattr(settings, "TESTING", False) else 300
    return getattr(settings, "CATALOG_CACHE_SECONDS", default)


def cached_html(name: str, variant: str, render: Callable[[], str]) -> str:
    """Return a fragment for this catalog version, language and variant, rendering on a miss."""
    seconds = cache_seconds()
    if seconds <= 0:
        return render()
    digest = hashlib.sha256(variant.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    key = f"catalog:{name}:{catalog_version()}:{get_language()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, seconds)
    return html


_process_memo: dict[str, tuple[str, object]] = {}


def per_version(name: str, compute: Callable[[], object]):
    """Return a value computed once per catalog version in this process (small lookups only).

    Unlike the page and fragment caches, this does not depend on CATALOG_CACHE_SECONDS: only
    tests, whose rollbacks do not change the version, compute every time.
    """
    if getattr(settings, "TESTING", False):
        return compute()
    version = catalog_version()
    memo = _process_memo.get(name)
    if memo is None or memo[0] != version:
        memo = (version, compute())
        _process_memo[name] = memo
    return memo[1]


def anonymous_page(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """Serve a public catalog page from this process's page cache when every anonymous
    visitor gets the same bytes; the key carries the catalog version, so a change shows at once.
    """
    seconds = cache_seconds()
    if seconds <= 0 or not pagecache.is_anonymous_visit(request):
        return render()
    key = f"catalog-page:{catalog_version()}:{get_language()}:{request.get_full_path()}"
    body = pagecache.get(key)
    if body is not None:
        return pagecache.html_response(body)
    response = render()
    if pagecache.is_shareable(request, response):
        pagecache.put(key, response.content, ttl=seconds)
    return response
