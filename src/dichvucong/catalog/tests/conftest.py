import pytest


@pytest.fixture(autouse=True)
def media_storage(settings, tmp_path):
    """Keep uploaded and generated files of a test in its own temporary directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/private-media-is-never-served/"},
        },
    }
    return tmp_path


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Catalog tests run with fragment caching on, starting from an empty cache."""
    settings.CATALOG_CACHE_SECONDS = 300
    from django.core.cache import cache

    from dichvucong.catalog.cache import bump_catalog_version

    cache.clear()
    bump_catalog_version()
