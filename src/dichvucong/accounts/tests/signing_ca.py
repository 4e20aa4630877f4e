"""A throw-away certification authority for the signature tests, built with `cryptography`."""

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

NOW = dt.datetime.now(dt.UTC)


def _name(cn: str, uid: str | None = None) -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if uid:
        attrs.append(x509.NameAttribute(NameOID.USER_ID, uid))
    return x509.Name(attrs)


def _usage(*, ca: bool, digital_signature: bool = True) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass
class Issued:
    cert: x509.Certificate
    key: object

    @property
    def pem(self) -> str:
        return self.cert.public_bytes(Encoding.PEM).decode()


def make_cert(
    subject: x509.Name,
    key,
    issuer: Issued | None,
    *,
    ca: bool,
    not_before=None,
    not_after=None,
    digital_signature=True,
) -> Issued:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or NOW - dt.timedelta(days=1))
        .not_valid_after(not_after or NOW + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(_usage(ca=ca, digital_signature=digital_signature), critical=True)
    )
    signing_key = issuer.key if issuer else key
    return Issued(builder.sign(signing_key, hashes.SHA256()), key)


def ec_key():
    return ec.generate_private_key(ec.SECP256R1())


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class SigningCA:
    root: Issued
    intermediate: Issued

    def leaf(self, id_number: str, *, key=None, **kwargs) -> Issued:
        return make_cert(
            _name(f"Người ký {id_number}", f"CCCD:{id_number}"),
            key or ec_key(),
            self.intermediate,
            ca=False,
            **kwargs,
        )

    def crl(self, *revoked: x509.Certificate) -> str:
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.intermediate.cert.subject)
            .last_update(NOW - dt.timedelta(hours=1))
            .next_update(NOW + dt.timedelta(days=7))
        )
        for cert in revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder()
                .serial_number(cert.serial_number)
                .revocation_date(NOW - dt.timedelta(minutes=5))
                .build()
            )
        crl = builder.sign(self.intermediate.key, hashes.SHA256())
        return crl.public_bytes(Encoding.PEM).decode()


def build_test_ca() -> SigningCA:
    root = make_cert(_name("Test Root CA"), ec_key(), None, ca=True)
    intermediate = make_cert(_name("Test Signing CA"), ec_key(), root, ca=True)
    return SigningCA(root, intermediate)
