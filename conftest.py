"""Fixtures every test gets: no state carried over from one test to the next."""

import pytest


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Start each test with an empty cache and no remembered province."""
    from django.core.cache import cache

    from dichvucong.core.selectors import forget_current_province

    cache.clear()
    forget_current_province()
    yield
    forget_current_province()
