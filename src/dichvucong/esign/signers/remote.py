"""A remote signing service shaped like NEAC's (`get_certificate`, `sign_file`, base64 in JSON).

Only the hash travels: pyHanko builds the CMS signature here and asks the service, through its
external signer interface (`Signer.async_sign_raw`), to sign the digest of the signed
attributes (which include the PDF's digest). The request and answer shapes below are this
project's assumption (docs/E-RESULTS.md), not a published specification:

    POST {ESIGN_REMOTE_URL}/get_certificate  {"client_id", "client_secret"[, "user_id"]}
      -> {"certificate": b64(DER), "chain": [b64(DER), ...]}
    POST {ESIGN_REMOTE_URL}/sign_file  {"client_id", "client_secret"[, "user_id"],
                                        "file": b64(digest), "file_type": "hash",
                                        "hash_algorithm": "sha256"}
      -> {"signature": b64(raw signature: ECDSA DER or RSA PKCS#1 v1.5)}
"""

import asyncio
import base64
import hashlib
import threading
import time

from django.conf import settings

from dichvucong.esign.pades import SigningError, Stamp, sign_with
from dichvucong.esign.signers import DocumentSigner

CERTIFICATE_SECONDS = 300  # how long a fetched certificate is reused


class RemoteClient:
    """The HTTP calls to the service; every failure is a SigningError with the reason.

    `user_id` names a person's certificate at the service (an officer's own remote signing
    account); without it the service signs with the agency's certificate.
    """

    def __init__(self, user_id: str = "") -> None:
        self.user_id = user_id

    def call(self, method: str, payload: dict) -> dict:
        import httpx

        body = {
            "client_id": settings.ESIGN_REMOTE_CLIENT_ID,
            "client_secret": settings.ESIGN_REMOTE_SECRET,
            **({"user_id": self.user_id} if self.user_id else {}),
            **payload,
        }
        url = settings.ESIGN_REMOTE_URL.rstrip("/") + "/" + method
        try:
            response = httpx.post(url, json=body, timeout=settings.ESIGN_REMOTE_TIMEOUT)
        except httpx.TimeoutException as exc:
            raise SigningError(f"Dịch vụ ký số từ xa không trả lời kịp ({method}).") from exc
        except httpx.HTTPError as exc:
            raise SigningError(f"Không kết nối được dịch vụ ký số từ xa ({method}): {exc}") from exc
        if response.status_code != 200:
            raise SigningError(
                f"Dịch vụ ký số từ xa báo lỗi HTTP {response.status_code} ({method})."
            )
        try:
            answer = response.json()
        except ValueError as exc:
            raise SigningError(
                f"Dịch vụ ký số từ xa trả lời không đúng định dạng ({method})."
            ) from exc
        if not isinstance(answer, dict):
            raise SigningError(f"Dịch vụ ký số từ xa trả lời không đúng định dạng ({method}).")
        return answer

    def certificates(self):
        """Return (signing certificate, [chain]) as asn1crypto certificates."""
        from asn1crypto import x509

        answer = self.call("get_certificate", {})
        try:
            cert = x509.Certificate.load(base64.b64decode(answer["certificate"]))
            chain = [x509.Certificate.load(base64.b64decode(c)) for c in answer.get("chain", [])]
            cert.subject.native  # noqa: B018 (parse now: a bad DER fails here, not later)
        except (KeyError, TypeError, ValueError) as exc:
            raise SigningError("Dịch vụ ký số từ xa trả về chứng thư số không hợp lệ.") from exc
        return cert, chain

    def sign_hash(self, digest: bytes, algorithm: str) -> bytes:
        answer = self.call(
            "sign_file",
            {
                "file": base64.b64encode(digest).decode(),
                "file_type": "hash",
                "hash_algorithm": algorithm,
            },
        )
        try:
            return base64.b64decode(answer["signature"], validate=True)
        except (KeyError, TypeError, ValueError) as exc:
            raise SigningError("Dịch vụ ký số từ xa trả về chữ ký không hợp lệ.") from exc


def check_signature(cert, data: bytes, signature: bytes, algorithm: str) -> None:
    """Refuse a signature that the certificate's public key does not verify over `data`."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

    key = x509.load_der_x509_certificate(cert.dump()).public_key()
    digest = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}[algorithm]
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(digest()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), digest())
        else:
            raise SigningError("Chứng thư số của dịch vụ ký từ xa dùng thuật toán không hỗ trợ.")
    except (InvalidSignature, ValueError) as exc:
        raise SigningError(
            "Dịch vụ ký số từ xa trả về chữ ký không khớp với chứng thư số; tài liệu chưa được ký."
        ) from exc


def _placeholder_size(cert) -> int:
    """Bytes enough for the service's signature (pyHanko sizes the PDF's /Contents with it)."""
    bits = cert.public_key.bit_size
    if cert.public_key.algorithm == "ec":
        return 2 * ((bits + 7) // 8) + 9  # DER SEQUENCE of two INTEGERs, at most
    return (bits + 7) // 8


def cms_signer(client: RemoteClient, cert, chain):
    """Return a pyHanko signer whose raw signature is made by the remote service."""
    from pyhanko.sign.signers import Signer
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class RemoteHashSigner(Signer):
        async def async_sign_raw(self, data: bytes, digest_algorithm: str, dry_run=False):
            if dry_run:
                return bytes(_placeholder_size(cert))
            digest = hashlib.new(digest_algorithm, data).digest()
            signature = await asyncio.to_thread(client.sign_hash, digest, digest_algorithm)
            check_signature(cert, data, signature, digest_algorithm)
            return signature

    return RemoteHashSigner(
        signing_cert=cert, cert_registry=SimpleCertificateStore.from_certs(chain)
    )


_CERTS: dict[tuple, tuple[float, object, list]] = {}
_CERTS_LOCK = threading.Lock()


class RemoteSigner(DocumentSigner):
    """The agency's key stays with the remote service; ESIGN_REMOTE_* name it."""

    id = "remote"
    required_settings = ("ESIGN_REMOTE_CLIENT_ID", "ESIGN_REMOTE_SECRET")
    url_settings = ("ESIGN_REMOTE_URL",)

    def __init__(self, user_id: str = "") -> None:
        self.client = RemoteClient(user_id)

    def _certificates(self):
        key = (settings.ESIGN_REMOTE_URL, settings.ESIGN_REMOTE_CLIENT_ID, self.client.user_id)
        with _CERTS_LOCK:
            cached = _CERTS.get(key)
        if cached and time.monotonic() - cached[0] < CERTIFICATE_SECONDS:
            return cached[1], cached[2]
        cert, chain = self.client.certificates()
        with _CERTS_LOCK:
            if len(_CERTS) > 256:  # the agency's and the leaders' certificates
                _CERTS.clear()
            _CERTS[key] = (time.monotonic(), cert, chain)
        return cert, chain

    def get_certificate(self):
        return self._certificates()[0]

    def sign_file(self, pdf: bytes, *, stamp: Stamp, reason: str) -> bytes:
        from dichvucong.esign.trust import validation_context

        cert, chain = self._certificates()
        return sign_with(
            pdf,
            signer=cms_signer(self.client, cert, chain),
            stamp=stamp,
            reason=reason,
            validation_context=validation_context(),
        )
