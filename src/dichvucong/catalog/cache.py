"""Rendered catalog fragments, cached per catalog version so every change shows at once."""

import hashlib
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language

_VERSION_KEY = "catalog:version"


def catalog_version() -> str:
    """Return the current catalog version (changes whenever catalog data changes)."""
    version = cache.get(_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(_VERSION_KEY, version, None)
        version = cache.get(_VERSION_KEY, version)
    return version


def bump_catalog_version(**_ignored) -> None:
    """Make every cached catalog fragment stale (call after bulk changes; signals call it)."""
    cache.set(_VERSION_KEY, uuid.uuid4().hex, None)


def cached_html(name: str, variant: str, render: Callable[[], str]) -> str:
    """Return a fragment for this catalog version, language and variant, rendering on a miss."""
    seconds = getattr(settings, "CATALOG_CACHE_SECONDS", 300)
    if seconds <= 0:
        return render()
    digest = hashlib.sha256(variant.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    key = f"catalog:{name}:{catalog_version()}:{get_language()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, seconds)
    return html
