"""The PKCS#11 signer against a SoftHSM2 token made by the test (skipped without SoftHSM2
unless E2E_REQUIRED is set)."""

import pytest

from dichvucong.esign.pades import SigningError, Stamp
from dichvucong.esign.tests import softhsm
from dichvucong.esign.tests.helpers import SIGNED_AT, small_pdf
from dichvucong.esign.verify import State, verify_pdf


@pytest.fixture(scope="session")
def token(tmp_path_factory, demo_ca_dir):
    """One token per test session (a PKCS#11 module is initialised once per process)."""
    softhsm.skip_or_fail_without_softhsm()
    if not (demo_ca_dir / "agency-key.pem").exists():
        from django.test.utils import override_settings

        from dichvucong.esign.demo_ca import demo_ca

        with override_settings(ESIGN_DEMO_CA_DIR=str(demo_ca_dir)):
            demo_ca()
    softhsm.init_token(tmp_path_factory.mktemp("softhsm"), demo_ca_dir)
    return softhsm


@pytest.fixture
def token_signer(token, demo_signer, settings):
    from dichvucong.esign.signers import current_signer, forget_loaded

    forget_loaded()
    settings.ESIGN_SIGNER = "pkcs11"
    settings.ESIGN_TRUST_DEMO_CA = True
    settings.ESIGN_PKCS11_MODULE = token.MODULE
    settings.ESIGN_PKCS11_TOKEN = token.TOKEN
    settings.ESIGN_PKCS11_KEY_LABEL = token.LABEL
    settings.ESIGN_PKCS11_PIN = token.PIN
    yield current_signer()
    forget_loaded()


def _sign(signer) -> bytes:
    stamp = Stamp(signer=signer.signer_name(), agency="UBND xã Hàm Thắng", signed_at=SIGNED_AT)
    return signer.sign_file(small_pdf(), stamp=stamp, reason="Phê duyệt kết quả")


def test_the_token_signs_and_the_copy_validates_against_the_demo_root(token_signer):
    signed = _sign(token_signer)

    verdict = verify_pdf(signed)
    assert verdict.state == State.VALID, verdict.reason
    assert verdict.last.signer == "Cơ quan giải quyết TTHC (demo)"
    assert verify_pdf(_sign(token_signer)).state == State.VALID  # the kept session signs again


def test_a_wrong_pin_is_a_clear_signing_error(token_signer, settings):
    settings.ESIGN_PKCS11_PIN = "000000"

    with pytest.raises(SigningError, match="Không mở được USB token/HSM"):
        _sign(token_signer)


def test_an_unknown_key_label_is_a_clear_signing_error(token_signer, settings):
    settings.ESIGN_PKCS11_KEY_LABEL = "khong-co"

    with pytest.raises(SigningError, match="Không mở được USB token/HSM"):
        _sign(token_signer)


def test_an_enabled_token_signer_without_its_pin_refuses_to_start(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.ESIGN_SIGNER = "pkcs11"
    settings.ESIGN_PKCS11_MODULE = softhsm.MODULE
    settings.ESIGN_PKCS11_TOKEN = "agency"
    settings.ESIGN_PKCS11_KEY_LABEL = "agency"
    settings.ESIGN_PKCS11_PIN = ""

    with pytest.raises(SystemCheckError, match="ESIGN_PKCS11_PIN is empty"):
        call_command("check")
