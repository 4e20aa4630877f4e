import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached tab counts must not leak between tests that reuse database ids."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
