import pytest
from django.core.cache import cache

from dichvucong.core import pagecache


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Store files under a temporary folder and start each test with empty rate counters."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    cache.clear()
    pagecache.clear()
    yield
    cache.clear()
    pagecache.clear()
