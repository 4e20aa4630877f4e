"""The demo CA: a root and an agency signing certificate created at run time under DATA_DIR.

Nothing here is committed: the first use (or `make run`) generates the keys. The directory is
built aside and renamed into place, so two processes starting together agree on one CA.
"""

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

CRL_URL = "http://demo-ca.invalid/dvc-demo-root.crl"
CRL_DAYS = 30


@dataclass(frozen=True)
class DemoCA:
    directory: Path

    @property
    def root_pem(self) -> Path:
        return self.directory / "root.pem"

    @property
    def agency_cert_pem(self) -> Path:
        return self.directory / "agency.pem"

    @property
    def agency_key_pem(self) -> Path:
        return self.directory / "agency-key.pem"

    @property
    def crl_pem(self) -> Path:
        return self.directory / "root.crl.pem"


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Cổng Dịch vụ công (demo)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _build(directory: Path, agency: str, now: dt.datetime) -> None:
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name("DVC Demo Root CA")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(agency))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        [x509.UniformResourceIdentifier(CRL_URL)], None, None, None
                    )
                ]
            ),
            False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    (directory / "root.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))
    (directory / "root-key.pem").write_bytes(_pem_key(root_key))
    (directory / "agency.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "agency-key.pem").write_bytes(_pem_key(key))
    _write_crl(directory, root, root_key, now)


def _write_crl(directory: Path, root, root_key, now: dt.datetime) -> None:
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(now - dt.timedelta(minutes=5))
        .next_update(now + dt.timedelta(days=CRL_DAYS))
        .add_extension(x509.CRLNumber(int(now.timestamp())), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    tmp = directory / "root.crl.pem.tmp"
    tmp.write_bytes(crl.public_bytes(serialization.Encoding.PEM))
    os.replace(tmp, directory / "root.crl.pem")


def _refresh_crl(ca: DemoCA, now: dt.datetime) -> None:
    """Publish a fresh (empty) CRL when the last one is close to its next update."""
    crl = x509.load_pem_x509_crl(ca.crl_pem.read_bytes())
    if crl.next_update_utc - now > dt.timedelta(days=CRL_DAYS // 3):
        return
    root = x509.load_pem_x509_certificate(ca.root_pem.read_bytes())
    root_key = serialization.load_pem_private_key(
        (ca.directory / "root-key.pem").read_bytes(), None
    )
    _write_crl(ca.directory, root, root_key, now)


def demo_ca(*, now: dt.datetime | None = None) -> DemoCA:
    """Return the demo CA, creating it under ESIGN_DEMO_CA_DIR on first use."""
    now = now or dt.datetime.now(dt.UTC)
    directory = Path(settings.ESIGN_DEMO_CA_DIR)
    ca = DemoCA(directory)
    if not ca.agency_key_pem.exists():
        directory.parent.mkdir(parents=True, exist_ok=True)
        aside = Path(tempfile.mkdtemp(prefix=".demo-ca-", dir=directory.parent))
        os.chmod(aside, 0o700)
        _build(aside, settings.ESIGN_AGENCY_NAME, now)
        try:
            os.rename(aside, directory)
        except OSError:  # another process was first: use its CA
            shutil.rmtree(aside, ignore_errors=True)
    _refresh_crl(ca, now)
    return ca


@dataclass(frozen=True)
class PersonCertificate:
    """A demo person's signing certificate (PEM) and its private key."""

    certificate_pem: bytes
    key: ec.EllipticCurvePrivateKey


def issue_person_certificate(
    *, id_number: str, full_name: str, days: int = 365, now: dt.datetime | None = None
) -> PersonCertificate:
    """Issue a demo person a signing certificate naming their ID number (UID `CCCD:<number>`,
    as Vietnamese CAs write it), with a fresh key; the demo root signs it."""
    now = now or dt.datetime.now(dt.UTC)
    ca = demo_ca(now=now)
    root = x509.load_pem_x509_certificate(ca.root_pem.read_bytes())
    root_key = serialization.load_pem_private_key(
        (ca.directory / "root-key.pem").read_bytes(), None
    )
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.COMMON_NAME, full_name or id_number),
            x509.NameAttribute(NameOID.USER_ID, f"CCCD:{id_number}"),
        ]
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    return PersonCertificate(cert.public_bytes(serialization.Encoding.PEM), key)
