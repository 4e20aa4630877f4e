import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Keep generated forms out of the developer's media folder."""
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }
