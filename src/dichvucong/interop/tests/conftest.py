import pytest
from django.core.cache import cache

from dichvucong.interop.tests.issuers import (
    CLIENT_ID,
    CLIENT_SECRET,
    FakeIssuer,
    NodeProvider,
    e2e_required,
    node_provider_available,
    real_clock,
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _use(settings, issuer: str):
    settings.OIDC_PROVIDERS = ["dvcqg", "demo"]
    settings.OIDC_DVCQG_ISSUER = issuer
    settings.OIDC_DVCQG_CLIENT_ID = CLIENT_ID
    settings.OIDC_DVCQG_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_DVCQG_SCOPES = "openid email phone"
    settings.OIDC_DVCQG_ACR_VALUES = "LoA2"


@pytest.fixture(scope="session")
def node_provider():
    if not node_provider_available():
        if e2e_required():
            pytest.fail("tests/oidc/node_modules is missing: run `npm ci` in tests/oidc")
        pytest.skip("oidc-provider is not installed (npm ci in tests/oidc)")
    provider = NodeProvider()
    yield provider
    provider.stop()


@pytest.fixture
def dvcqg(settings, node_provider):
    """The DVCQG provider pointed at the certified provider on loopback (on the real clock)."""
    _use(settings, node_provider.issuer)
    with real_clock():
        yield node_provider


@pytest.fixture
def fake_issuer(settings):
    issuer = FakeIssuer()
    _use(settings, issuer.issuer)
    yield issuer
    issuer.stop()
