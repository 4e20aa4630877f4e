"""A fake RFC 3161 time-stamping authority on loopback, written with asn1crypto and
cryptography: it answers a TimeStampReq with a TimeStampResp whose token (CMS SignedData over a
TSTInfo) is signed by a TSA certificate the demo root issues."""

import datetime as dt
import hashlib
from pathlib import Path

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from dichvucong.esign.tests.loopback import LoopbackServer

POLICY = "1.3.6.1.4.1.99999.1.1"  # a made-up TSA policy OID


def issue_tsa_certificate(ca_dir: Path):
    """Return (key, certificate) of a time-stamping unit issued by the demo root in `ca_dir`,
    valid as long as the root is (no clock is read)."""
    root = x509.load_pem_x509_certificate((ca_dir / "root.pem").read_bytes())
    root_key = serialization.load_pem_private_key((ca_dir / "root-key.pem").read_bytes(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "DVC Demo TSA")]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(root.not_valid_before_utc)
        .not_valid_after(root.not_valid_after_utc)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    return key, cert


class FakeTSA(LoopbackServer):
    """`reply` is "ok", "error" (HTTP 500) or "rejected" (PKIStatus rejection)."""

    def __init__(self, ca_dir: Path) -> None:
        super().__init__()
        self.key, cert = issue_tsa_certificate(ca_dir)
        self.issued: list[dt.datetime] = []  # the gen_time of each token, in order
        self.cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
        self.reply = "ok"
        self.serial = 0

    def handle(self, path, headers, body):
        if self.reply == "error":
            return 500, "text/plain", b"TSA down"
        request = tsp.TimeStampReq.load(body)
        if self.reply == "rejected":
            answer = tsp.TimeStampResp({"status": {"status": "rejection"}})
        else:
            answer = tsp.TimeStampResp(
                {"status": {"status": "granted"}, "time_stamp_token": self._token(request)}
            )
        return 200, "application/timestamp-reply", answer.dump()

    def _token(self, request: tsp.TimeStampReq) -> cms.ContentInfo:
        self.serial += 1
        # A TSA states the time it stamps (the test clock: time-machine moves it with --on-date).
        self.issued.append(dt.datetime.now(dt.UTC).replace(microsecond=0))
        info = {
            "version": "v1",
            "policy": POLICY,
            "message_imprint": request["message_imprint"],
            "serial_number": self.serial,
            "gen_time": self.issued[-1],
        }
        if request["nonce"].native is not None:
            info["nonce"] = request["nonce"]
        tst_der = tsp.TSTInfo(info).dump()
        cert_hash = hashlib.sha256(self.cert.dump()).digest()
        signed_attrs = cms.CMSAttributes(
            [
                cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
                cms.CMSAttribute(
                    {"type": "message_digest", "values": [hashlib.sha256(tst_der).digest()]}
                ),
                cms.CMSAttribute(
                    {
                        "type": "signing_certificate_v2",
                        "values": [
                            tsp.SigningCertificateV2(
                                {
                                    "certs": [
                                        {
                                            "hash_algorithm": {"algorithm": "sha256"},
                                            "cert_hash": cert_hash,
                                        }
                                    ]
                                }
                            )
                        ],
                    }
                ),
            ]
        )
        # The signature covers the DER of the attributes as a SET (RFC 5652 §5.4).
        signature = self.key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
        signer_info = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    {
                        "issuer_and_serial_number": {
                            "issuer": self.cert.issuer,
                            "serial_number": self.cert.serial_number,
                        }
                    }
                ),
                "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                "signed_attrs": signed_attrs,
                "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
                "signature": signature,
            }
        )
        signed_data = cms.SignedData(
            {
                "version": "v3",
                "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
                "encap_content_info": {
                    "content_type": "tst_info",
                    "content": core.ParsableOctetString(tst_der),
                },
                "certificates": [self.cert],
                "signer_infos": [signer_info],
            }
        )
        return cms.ContentInfo({"content_type": "signed_data", "content": signed_data})
