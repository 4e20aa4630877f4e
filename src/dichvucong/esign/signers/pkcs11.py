"""A PKCS#11 signer (USB token or HSM) through pyHanko's PKCS#11 support (python-pkcs11)."""

import contextlib
import hashlib
import threading

from django.conf import settings

from dichvucong.esign.pades import SigningError, Stamp
from dichvucong.esign.signers import LocalSigner

# One token session per process, used by one signature at a time (tokens are not re-entrant).
_TOKEN_LOCK = threading.RLock()


def _open_session(pkcs11, criteria):
    """Open a logged-in session; a login is per process in PKCS#11, so a session opened while
    another one (not yet closed) is logged in is already logged in."""
    from pkcs11.exceptions import UserAlreadyLoggedIn

    module = settings.ESIGN_PKCS11_MODULE
    try:
        return pkcs11.open_pkcs11_session(
            module, token_criteria=criteria, user_pin=settings.ESIGN_PKCS11_PIN
        )
    except UserAlreadyLoggedIn:
        return pkcs11.open_pkcs11_session(module, token_criteria=criteria)


class Pkcs11Signer(LocalSigner):
    """The key stays on the token; ESIGN_PKCS11_MODULE, _TOKEN, _KEY_LABEL and _PIN name it.

    The certificate is read from the token (same label as the key), with every other
    certificate on it as the chain. The logged-in session is kept per process and opened again
    after a token error (the token was unplugged, the HSM restarted).
    """

    id = "pkcs11"
    required_settings = (
        "ESIGN_PKCS11_MODULE",
        "ESIGN_PKCS11_TOKEN",
        "ESIGN_PKCS11_KEY_LABEL",
        "ESIGN_PKCS11_PIN",
    )

    def cache_key(self) -> tuple:
        pin = hashlib.sha256(settings.ESIGN_PKCS11_PIN.encode()).hexdigest()
        return (
            settings.ESIGN_PKCS11_MODULE,
            settings.ESIGN_PKCS11_TOKEN,
            settings.ESIGN_PKCS11_KEY_LABEL,
            pin,
        )

    def load(self):
        try:
            from pyhanko.config.pkcs11 import TokenCriteria
            from pyhanko.sign import pkcs11
        except ImportError as exc:
            raise SigningError("Thiếu thư viện python-pkcs11 để ký bằng USB token/HSM.") from exc
        session = None
        try:
            session = _open_session(pkcs11, TokenCriteria(label=settings.ESIGN_PKCS11_TOKEN))
            # Raw mechanisms (the digest made here, CKM_ECDSA / CKM_RSA_PKCS on the token): many
            # tokens, SoftHSM2 among them, lack the hash-and-sign ECDSA mechanisms.
            signer = pkcs11.PKCS11Signer(
                session, key_label=settings.ESIGN_PKCS11_KEY_LABEL, use_raw_mechanism=True
            )
            signer.signing_cert  # noqa: B018 (read the certificate now: a missing one fails here)
        except Exception as exc:  # python-pkcs11 and pyHanko raise many kinds
            if session is not None:  # else it would stay logged in for the process
                with contextlib.suppress(Exception):
                    session.close()
            raise SigningError(
                f"Không mở được USB token/HSM “{settings.ESIGN_PKCS11_TOKEN}”: "
                f"{type(exc).__name__} {exc}".strip()
            ) from exc
        return signer

    def sign_file(self, pdf: bytes, *, stamp: Stamp, reason: str) -> bytes:
        from dichvucong.esign.signers import forget_loaded

        with _TOKEN_LOCK:
            try:
                return super().sign_file(pdf, stamp=stamp, reason=reason)
            except SigningError:
                forget_loaded()  # the next try opens a new session
                raise
