"""Shared reads."""

from django.core.cache import cache

from dichvucong.core.models import Province

_PROVINCE_CACHE_KEY = "core:current-province"


def current_province() -> Province | None:
    """Return the province running this portal (cached for a minute)."""
    province = cache.get(_PROVINCE_CACHE_KEY)
    if province is None:
        province = Province.objects.filter(is_current=True).order_by("pk").first()
        if province is not None:
            cache.set(_PROVINCE_CACHE_KEY, province, 60)
    return province


def forget_current_province() -> None:
    """Drop the cached province after it changes."""
    cache.delete(_PROVINCE_CACHE_KEY)
