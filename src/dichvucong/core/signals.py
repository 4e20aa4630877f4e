"""Cache invalidation only: the calendar overrides are cached for deadline computations."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dichvucong.core.calendar import OVERRIDES_CACHE_KEY
from dichvucong.core.models import CalendarDay


@receiver([post_save, post_delete], sender=CalendarDay)
def forget_calendar_overrides(**kwargs) -> None:
    cache.delete(OVERRIDES_CACHE_KEY)
