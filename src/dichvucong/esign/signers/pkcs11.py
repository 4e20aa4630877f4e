"""A PKCS#11 signer (USB token or HSM) through pyHanko's PKCS#11 support (needs python-pkcs11,
not installed by default)."""

from django.conf import settings

from dichvucong.esign.pades import SigningError
from dichvucong.esign.signers import LocalSigner


class Pkcs11Signer(LocalSigner):
    """The key stays on the token; ESIGN_PKCS11_MODULE, _TOKEN, _KEY_LABEL and _PIN name it."""

    id = "pkcs11"
    required_settings = (
        "ESIGN_PKCS11_MODULE",
        "ESIGN_PKCS11_TOKEN",
        "ESIGN_PKCS11_KEY_LABEL",
        "ESIGN_PKCS11_PIN",
    )

    def pyhanko_signer(self):
        try:
            from pyhanko.sign import pkcs11
        except ImportError as exc:  # python-pkcs11 is an optional extra
            raise SigningError("Thiếu thư viện python-pkcs11 để ký bằng USB token/HSM.") from exc
        session = pkcs11.open_pkcs11_session(
            settings.ESIGN_PKCS11_MODULE,
            token_label=settings.ESIGN_PKCS11_TOKEN,
            user_pin=settings.ESIGN_PKCS11_PIN,
        )
        return pkcs11.PKCS11Signer(session, key_label=settings.ESIGN_PKCS11_KEY_LABEL)
