"""A fake NEAC-style remote signing service on loopback (the shape `signers.remote` assumes):
it holds the demo CA's agency key and signs the digests it is sent."""

import base64
import json
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.x509.oid import NameOID

from dichvucong.esign.tests.loopback import LoopbackServer

CLIENT_ID = "dvc-test"
SECRET = "bi-mat-ky-so"


def _der(pem_path: Path) -> str:
    from asn1crypto import pem

    return base64.b64encode(pem.unarmor(pem_path.read_bytes())[2]).decode()


def _officer_identity(ca_dir: Path, name: str):
    """Return (key, base64 DER certificate) of a person's signing certificate from the demo root."""
    root = x509.load_pem_x509_certificate((ca_dir / "root.pem").read_bytes())
    root_key = serialization.load_pem_private_key((ca_dir / "root-key.pem").read_bytes(), None)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(root.not_valid_before_utc)
        .not_valid_after(root.not_valid_after_utc)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(root_key, hashes.SHA256())
    )
    return key, base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()


class FakeRemoteSigner(LoopbackServer):
    """`reply`: "ok", "error" (HTTP 503), "slow" (answers after `delay` s), "wrong" (a valid
    signature over other data), "garbage" (not base64) or "unauthorised" (HTTP 401).

    Without `user_id` it signs with the agency's key; `officers` maps a person's `user_id` to
    their name, whose certificate the demo root issues on first use (an unknown one is a 404).
    """

    def __init__(self, ca_dir: Path, officers: dict[str, str] | None = None) -> None:
        super().__init__()
        self.ca_dir = ca_dir
        self.key = serialization.load_pem_private_key(
            (ca_dir / "agency-key.pem").read_bytes(), None
        )
        self.certificate = _der(ca_dir / "agency.pem")
        self.chain = [_der(ca_dir / "root.pem")]
        self.officers = officers or {}
        self.identities: dict[str, tuple] = {}
        self.users_seen: list[str] = []
        self.reply = "ok"
        self.delay = 2.0
        self.signed_digests: list[bytes] = []

    def handle(self, path, headers, body):
        request = json.loads(body)
        if (request.get("client_id"), request.get("client_secret")) != (CLIENT_ID, SECRET):
            return self._json(401, {"error": "unauthorised"})
        key, certificate = self.key, self.certificate
        user_id = request.get("user_id")
        if user_id:
            if user_id not in self.officers:
                return self._json(404, {"error": "unknown user"})
            if user_id not in self.identities:
                self.identities[user_id] = _officer_identity(self.ca_dir, self.officers[user_id])
            key, certificate = self.identities[user_id]
        self.users_seen.append(user_id or "")
        if path == "/get_certificate":
            return self._json(200, {"certificate": certificate, "chain": self.chain})
        if path != "/sign_file":
            return self._json(404, {"error": "unknown method"})
        if self.reply == "error":
            return self._json(503, {"error": "HSM busy"})
        if self.reply == "slow":
            time.sleep(self.delay)
        if self.reply == "garbage":
            return self._json(200, {"signature": "%%% not base64 %%%"})
        assert request["file_type"] == "hash" and request["hash_algorithm"] == "sha256"
        digest = base64.b64decode(request["file"])
        assert len(digest) == 32  # only the hash travels, never the PDF
        if self.reply == "wrong":
            digest = bytes(32)
        self.signed_digests.append(digest)
        signature = key.sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
        return self._json(200, {"signature": base64.b64encode(signature).decode()})

    @staticmethod
    def _json(status: int, body: dict):
        return status, "application/json", json.dumps(body).encode()
