import importlib

import pytest
from django.core.cache import cache

from dichvucong.tracking import pagecache
from dichvucong.tracking.tests.factories import fake_transition


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Store files under a temporary folder and start each test with empty rate counters."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media")},
    }}
    cache.clear()
    pagecache.clear()
    yield
    cache.clear()
    pagecache.clear()


@pytest.fixture
def transition(monkeypatch):
    """Use processing's status machine when it exists, otherwise the stand-in."""
    try:
        importlib.import_module("dichvucong.processing.services").dossier_transition  # noqa: B018
    except (ImportError, AttributeError):
        monkeypatch.setattr("dichvucong.tracking.integration.dossier_transition",
                            lambda **kw: fake_transition(**kw))
