import pytest

from dichvucong.esign.tests.helpers import use_demo_signer


@pytest.fixture(scope="session")
def demo_ca_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("esign") / "demo-ca"


@pytest.fixture
def demo_signer(settings, demo_ca_dir):
    use_demo_signer(settings, demo_ca_dir)
    from dichvucong.esign.signers import current_signer

    return current_signer()
