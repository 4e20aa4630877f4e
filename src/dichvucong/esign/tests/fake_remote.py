"""A fake NEAC-style remote signing service on loopback (the shape `signers.remote` assumes):
it holds the demo CA's agency key and signs the digests it is sent."""

import base64
import json
import time
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils

from dichvucong.esign.tests.loopback import LoopbackServer

CLIENT_ID = "dvc-test"
SECRET = "bi-mat-ky-so"


def _der(pem_path: Path) -> str:
    from asn1crypto import pem

    return base64.b64encode(pem.unarmor(pem_path.read_bytes())[2]).decode()


class FakeRemoteSigner(LoopbackServer):
    """`reply`: "ok", "error" (HTTP 503), "slow" (answers after `delay` s), "wrong" (a valid
    signature over other data), "garbage" (not base64) or "unauthorised" (HTTP 401)."""

    def __init__(self, ca_dir: Path) -> None:
        super().__init__()
        self.key = serialization.load_pem_private_key(
            (ca_dir / "agency-key.pem").read_bytes(), None
        )
        self.certificate = _der(ca_dir / "agency.pem")
        self.chain = [_der(ca_dir / "root.pem")]
        self.reply = "ok"
        self.delay = 2.0
        self.signed_digests: list[bytes] = []

    def handle(self, path, headers, body):
        request = json.loads(body)
        if (request.get("client_id"), request.get("client_secret")) != (CLIENT_ID, SECRET):
            return self._json(401, {"error": "unauthorised"})
        if path == "/get_certificate":
            return self._json(200, {"certificate": self.certificate, "chain": self.chain})
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
        signature = self.key.sign(digest, ec.ECDSA(utils.Prehashed(hashes.SHA256())))
        return self._json(200, {"signature": base64.b64encode(signature).decode()})

    @staticmethod
    def _json(status: int, body: dict):
        return status, "application/json", json.dumps(body).encode()
