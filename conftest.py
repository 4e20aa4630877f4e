"""Fixtures every test gets: no state carried over from one test to the next."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Start each test with an empty cache, no remembered province and the portal's language
    (a request in English leaves English active on the thread)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    from dichvucong.core.selectors import forget_current_province

    cache.clear()
    forget_current_province()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    forget_current_province()
    translation.deactivate()
