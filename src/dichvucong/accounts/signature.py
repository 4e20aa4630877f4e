"""Digital-signature verification (USB token / SIM signature) by challenge and response.

The portal issues a one-time challenge kept in the session; the signing plug-in returns the
signer's X.509 certificate (PEM or DER, optionally with intermediates) and a signature over the
challenge. We check the signature, the certificate's dates and key usage, its chain up to a
trusted root and the CRLs of the trust list (`esign.trust`: TRUSTED_SIGNATURE_ROOTS,
SIGNATURE_CRLS, and the demo CA where it is trusted). How the certificate and signature reach
the portal (plug-in, remote signing, demo) is `accounts.signing_means`.
"""

import base64
import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass
from itertools import pairwise

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)
SESSION_KEY = "signature_challenge"
CHALLENGE_SECONDS = 5 * 60
MAX_CHAIN = 5
HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384, "sha512": hashes.SHA512}


class SignatureError(Exception):
    """The response was refused; the message is for the user."""


@dataclass(frozen=True)
class VerifiedSigner:
    """Who signed: certificate fingerprint, subject and the identity numbers it carries."""

    fingerprint: str
    subject: str
    serial_number: str
    identifiers: tuple[str, ...]

    def carries(self, id_number: str) -> bool:
        """Return True when the certificate's subject names this ID number."""
        # A whole number in a subject field ("CCCD:0601…", "Người ký 0601…"), never a part.
        numbers = {n for value in self.identifiers for n in re.findall(r"\d+", value)}
        return bool(id_number) and id_number in numbers


def issue_challenge(session) -> dict:
    """Create a one-time challenge for this session and return it for the plug-in."""
    challenge = secrets.token_urlsafe(32)
    expires = time.time() + CHALLENGE_SECONDS
    session[SESSION_KEY] = {"value": challenge, "expires": expires}
    return {"challenge": challenge, "expires_in": CHALLENGE_SECONDS}


def _spend_challenge(session) -> str:
    stored = session.pop(SESSION_KEY, None)
    if not stored or stored["expires"] < time.time():
        raise SignatureError(_("Thử thách ký số đã hết hạn hoặc đã được dùng. Vui lòng thử lại."))
    return stored["value"]


def load_certificates(data: bytes | str) -> list[x509.Certificate]:
    """Parse one or more certificates from PEM text, DER bytes or base64 DER."""
    raw = data.encode() if isinstance(data, str) else data
    try:
        if b"-----BEGIN" in raw:
            return x509.load_pem_x509_certificates(raw)
        if raw[:1] != b"\x30":
            raw = base64.b64decode(raw, validate=False)
        return [x509.load_der_x509_certificate(raw)]
    except ValueError as exc:
        raise SignatureError(_("Chứng thư số không đọc được.")) from exc


def trusted_roots() -> tuple[x509.Certificate, ...]:
    """Return the trusted roots of the one trust list (`esign.trust.trust_roots`)."""
    from dichvucong.esign.trust import trust_roots

    try:
        return tuple(x509.load_der_x509_certificate(cert.dump()) for cert in trust_roots())
    except (OSError, ValueError) as exc:
        logger.exception("TRUSTED_SIGNATURE_ROOTS cannot be read")
        raise SignatureError(
            _("Cổng chưa kiểm tra được chứng thư số lúc này. Vui lòng thử lại sau.")
        ) from exc


def _load_crls() -> list[x509.CertificateRevocationList]:
    from dichvucong.esign.trust import revocation_lists

    try:
        return [x509.load_der_x509_crl(crl.dump()) for crl in revocation_lists()]
    except (OSError, ValueError) as exc:
        # Without the revocation list we cannot tell a revoked certificate: refuse.
        logger.exception("SIGNATURE_CRLS cannot be read")
        raise SignatureError(
            _("Cổng chưa kiểm tra được chứng thư số lúc này. Vui lòng thử lại sau.")
        ) from exc


def _check_dates(cert: x509.Certificate, now) -> None:
    if not (cert.not_valid_before_utc <= now <= cert.not_valid_after_utc):
        raise SignatureError(_("Chứng thư số đã hết hạn hoặc chưa có hiệu lực."))


def _check_key_usage(cert: x509.Certificate) -> None:
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or not usage.digital_signature:
        raise SignatureError(_("Chứng thư số không được phép dùng để ký số."))


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        return False


def build_chain(
    leaf: x509.Certificate, intermediates: list[x509.Certificate], now
) -> list[x509.Certificate]:
    """Return leaf … trusted root, or raise SignatureError when no trusted path exists."""
    roots = trusted_roots()
    chain, current = [leaf], leaf
    for _depth in range(MAX_CHAIN):
        root = next((r for r in roots if _issued_by(current, r)), None)
        if root is not None:
            _check_dates(root, now)
            return [*chain, root]
        parent = next(
            (c for c in intermediates if c not in chain and _is_ca(c) and _issued_by(current, c)),
            None,
        )
        if parent is None:
            break
        _check_dates(parent, now)
        chain.append(parent)
        current = parent
    raise SignatureError(_("Chứng thư số không do tổ chức chứng thực tin cậy cấp."))


def _check_revocation(chain: list[x509.Certificate], now) -> None:
    crls = _load_crls()
    for cert, issuer in pairwise(chain):
        for crl in crls:
            if crl.issuer != issuer.subject or not crl.is_signature_valid(issuer.public_key()):
                continue
            if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
                raise SignatureError(_("Chứng thư số đã bị thu hồi."))


def _check_signature(cert: x509.Certificate, signature: bytes, data: bytes, hash_name: str) -> None:
    algorithm = HASHES.get(hash_name, hashes.SHA256)()
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            try:
                key.verify(signature, data, padding.PKCS1v15(), algorithm)
            except InvalidSignature:
                key.verify(
                    signature,
                    data,
                    padding.PSS(mgf=padding.MGF1(algorithm), salt_length=padding.PSS.AUTO),
                    algorithm,
                )
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        else:
            raise SignatureError(_("Loại khóa của chứng thư số không được hỗ trợ."))
    except InvalidSignature as exc:
        raise SignatureError(_("Chữ ký số không hợp lệ.")) from exc


def _identifiers(cert: x509.Certificate) -> tuple[str, ...]:
    oids = (NameOID.SERIAL_NUMBER, NameOID.USER_ID, NameOID.COMMON_NAME)
    return tuple(str(a.value) for oid in oids for a in cert.subject.get_attributes_for_oid(oid))


def verify_response(
    *, session, certificate: bytes | str, signature: bytes, hash_name: str = "sha256", now=None
) -> VerifiedSigner:
    """Spend the session's challenge and verify the signer; raise SignatureError if refused."""
    challenge = _spend_challenge(session)
    now = now or timezone.now()
    leaf, *intermediates = load_certificates(certificate)
    _check_signature(leaf, signature, challenge.encode(), hash_name)
    _check_dates(leaf, now)
    _check_key_usage(leaf)
    chain = build_chain(leaf, intermediates, now)
    _check_revocation(chain, now)
    return VerifiedSigner(
        fingerprint=hashlib.sha256(leaf.public_bytes(Encoding.DER)).hexdigest(),
        subject=leaf.subject.rfc4514_string(),
        serial_number=format(leaf.serial_number, "x"),
        identifiers=_identifiers(leaf),
    )
