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
