import pytest


@pytest.fixture
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
def _fresh_cache():
    """Rendered catalog fragments must not leak from one test into another."""
    from django.core.cache import cache

    cache.clear()
