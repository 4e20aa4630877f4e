import pytest
from django.core.cache import cache

from dichvucong.api.clients import create_api_client
from dichvucong.catalog.tests.factories import make_agency


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Store files under a temporary folder and start each test with an empty cache."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency():
    return make_agency(code="000.00.06.H56", name="UBND xã Thử Nghiệm")


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def agency_token(agency):
    """A token of the agency's system that may read and change its dossiers (counter role)."""
    _client, token = create_api_client(
        name="Phần mềm một cửa",
        agency=agency,
        scopes=["dossiers:read", "dossiers:write"],
        roles=["counter"],
    )
    return token
