"""Document signers behind a registry (ESIGN_SIGNER): a PKCS#12 file, a PKCS#11 token, a
NEAC-style remote signing service, and `demo` (the demo CA made at run time)."""

import contextlib
import hashlib
import threading
from pathlib import Path

from django.conf import settings

from dichvucong.core.providers import load_provider
from dichvucong.esign.pades import SigningError, Stamp, sign_with

SIGNER_CLASSES = {
    "demo": "dichvucong.esign.signers.DemoSigner",
    "pkcs12": "dichvucong.esign.signers.Pkcs12Signer",
    "pkcs11": "dichvucong.esign.signers.pkcs11.Pkcs11Signer",
    "remote": "dichvucong.esign.signers.remote.RemoteSigner",
}


class DocumentSigner:
    """Sign a PDF (bytes in, bytes out) as the agency; `get_certificate` says who signs."""

    id = ""
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()

    def get_certificate(self):
        """Return the signing certificate (asn1crypto)."""
        raise NotImplementedError

    def signer_name(self) -> str:
        """Return the signer's common name as the stamp prints it."""
        return self.get_certificate().subject.native.get("common_name", "")

    def sign_file(self, pdf: bytes, *, stamp: Stamp, reason: str) -> bytes:
        """Return the PAdES-signed copy of `pdf`."""
        raise NotImplementedError


_LOADED: dict[tuple, object] = {}
_LOADING = threading.Lock()


def _file_key(path) -> tuple:
    """Identify a key file's version (so a replaced file is loaded again)."""
    stat = Path(path).stat()
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _release_all() -> None:
    """Drop the loaded signers, closing a token session (its login ends with the last one)."""
    for signer in _LOADED.values():
        session = getattr(signer, "pkcs11_session", None)
        if session is not None:
            with contextlib.suppress(Exception):  # a dead token: nothing left to close
                session.close()
    _LOADED.clear()


def forget_loaded() -> None:
    """Drop the process's loaded signer (the next signature loads the key again)."""
    with _LOADING:
        _release_all()


class LocalSigner(DocumentSigner):
    """A signer whose key pyHanko reaches itself (file or token).

    The loaded pyHanko signer is kept per process, keyed by `cache_key()` (the settings and the
    key file's version): parsing a key and its chain costs ~15 ms, a fifth of a signature.
    """

    def cache_key(self) -> tuple:
        raise NotImplementedError

    def load(self):
        """Return a freshly loaded pyHanko signer."""
        raise NotImplementedError

    def pyhanko_signer(self):
        try:
            key = (self.id, *self.cache_key())
        except OSError as exc:
            raise SigningError(f"Không đọc được khóa ký số: {exc}") from exc
        signer = _LOADED.get(key)
        if signer is None:
            with _LOADING:
                signer = _LOADED.get(key)
                if signer is None:
                    _release_all()  # one signer per process: the old key file is gone
                    signer = self.load()
                    _LOADED[key] = signer
        return signer

    def get_certificate(self):
        return self.pyhanko_signer().signing_cert

    def sign_file(self, pdf: bytes, *, stamp: Stamp, reason: str) -> bytes:
        from dichvucong.esign.trust import validation_context

        return sign_with(
            pdf,
            signer=self.pyhanko_signer(),
            stamp=stamp,
            reason=reason,
            validation_context=validation_context(),
        )


class Pkcs12Signer(LocalSigner):
    """The agency's key and certificate chain in a PKCS#12 file (path and passphrase from
    ESIGN_PKCS12_PATH / ESIGN_PKCS12_PASSPHRASE)."""

    id = "pkcs12"
    required_settings = ("ESIGN_PKCS12_PATH", "ESIGN_PKCS12_PASSPHRASE")

    def cache_key(self) -> tuple:
        secret = hashlib.sha256(settings.ESIGN_PKCS12_PASSPHRASE.encode()).hexdigest()
        return (*_file_key(settings.ESIGN_PKCS12_PATH), secret)

    def load(self):
        from pyhanko.sign import signers

        signer = signers.SimpleSigner.load_pkcs12(
            settings.ESIGN_PKCS12_PATH, passphrase=settings.ESIGN_PKCS12_PASSPHRASE.encode()
        )
        if signer is None:
            raise SigningError("Không mở được tệp PKCS#12 (sai đường dẫn hoặc mật khẩu).")
        return signer


class DemoSigner(LocalSigner):
    """The demo CA's agency certificate (created under DATA_DIR on first use)."""

    id = "demo"

    def cache_key(self) -> tuple:
        from dichvucong.esign.demo_ca import demo_ca

        return _file_key(demo_ca().agency_key_pem)

    def load(self):
        from pyhanko.sign import signers

        from dichvucong.esign.demo_ca import demo_ca

        ca = demo_ca()
        signer = signers.SimpleSigner.load(
            str(ca.agency_key_pem), str(ca.agency_cert_pem), ca_chain_files=(str(ca.root_pem),)
        )
        if signer is None:
            raise SigningError("Không tải được khóa của CA demo.")
        return signer


def officer_signer(user_id: str) -> DocumentSigner:
    """Return the signer of one officer's own certificate at the remote signing service (the
    account `user_id`): ESIGN_RESULTS_SIGNED_BY=leader signs results with it."""
    from django.utils.module_loading import import_string

    return import_string(SIGNER_CLASSES["remote"])(user_id=user_id)


def current_signer() -> DocumentSigner | None:
    """Return the configured signer (None when ESIGN_SIGNER is empty: signing is off)."""
    if not settings.ESIGN_SIGNER:
        return None
    return load_provider(SIGNER_CLASSES, settings.ESIGN_SIGNER, kind="document signer")
