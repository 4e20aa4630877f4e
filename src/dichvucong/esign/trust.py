"""The trust list for document signatures: configured roots and CRLs, plus the demo CA's."""

from pathlib import Path

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings


def _items(values) -> list[bytes]:
    out = []
    for item in values:
        out.append(item.encode() if "-----BEGIN" in item else Path(item).read_bytes())
    return out


def _der_blocks(raw: bytes) -> list[bytes]:
    if pem.detect(raw):
        return [der for _, _, der in pem.unarmor(raw, multiple=True)]
    return [raw]


def trust_roots() -> list[asn1_x509.Certificate]:
    """Return the trusted roots: TRUSTED_SIGNATURE_ROOTS, and the demo root when it signs."""
    raws = _items(settings.TRUSTED_SIGNATURE_ROOTS)
    if demo_trusted():
        from dichvucong.esign.demo_ca import demo_ca

        raws.append(demo_ca().root_pem.read_bytes())
    return [asn1_x509.Certificate.load(der) for raw in raws for der in _der_blocks(raw)]


def revocation_lists() -> list[asn1_crl.CertificateList]:
    """Return the configured CRLs (SIGNATURE_CRLS), and the demo CA's when it is trusted."""
    raws = _items(settings.SIGNATURE_CRLS)
    if demo_trusted():
        from dichvucong.esign.demo_ca import demo_ca

        raws.append(demo_ca().crl_pem.read_bytes())
    return [asn1_crl.CertificateList.load(der) for raw in raws for der in _der_blocks(raw)]


def demo_trusted() -> bool:
    """The demo root is trusted only where the demo signer signs (never in production)."""
    return settings.ESIGN_SIGNER == "demo" or settings.ESIGN_TRUST_DEMO_CA


def validation_context(*, roots=None, crls=None, moment=None):
    """Return an offline pyHanko validation context over the trust list (at `moment`, now by
    default)."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(
        moment=moment,
        trust_roots=trust_roots() if roots is None else roots,
        crls=revocation_lists() if crls is None else crls,
        allow_fetching=False,
        # Offline: a certificate with no reachable revocation source is not refused for that
        # alone; a CRL that lists it (configured or embedded) still makes it revoked.
        revocation_mode="soft-fail",
    )
