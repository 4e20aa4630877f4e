"""Fakes on loopback for the signing means: a remote-signing service (the `remote` provider's
protocol, HMAC-checked) and a signing plug-in (the page script's JSON shape, with CORS)."""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding

from dichvucong.core.signing import hmac_matches


def sign(key, data: bytes) -> bytes:
    """Sign `data` with SHA-256 as a token would (ECDSA, or RSA PKCS#1 v1.5)."""
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    return key.sign(data, ec.ECDSA(hashes.SHA256()))


class _Server:
    handler: type

    def __init__(self) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.server.daemon_threads = True
        self.server.fake = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self):
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, status: int, body: dict, headers: dict | None = None) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class _RemoteHandler(_Handler):
    def _authorised(self, signed: bytes) -> bool:
        fake = self.server.fake
        return self.headers.get("X-Client-Id") == fake.client_id and hmac_matches(
            fake.secret, signed, self.headers.get("X-Signature", "")
        )

    def do_POST(self):
        fake = self.server.fake
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path != "/sign-requests" or not self._authorised(body):
            return self._answer(401, {"error": "unauthorised"})
        request = json.loads(body)
        if request["user_id"] not in fake.people:
            return self._answer(404, {"error": "unknown_user"})
        fake.counter += 1
        transaction_id = f"tx-{fake.counter}"
        fake.requests[transaction_id] = request | {"state": "pending"}
        return self._answer(
            201, {"transaction_id": transaction_id, "expires_in": request["expires_in"]}
        )

    def do_GET(self):
        fake = self.server.fake
        if not self._authorised(self.path.encode()):
            return self._answer(401, {"error": "unauthorised"})
        if fake.slow:
            time.sleep(fake.slow)
        request = fake.requests.get(self.path.rsplit("/", 1)[-1])
        if request is None:
            return self._answer(404, {"error": "unknown_transaction"})
        if request["state"] != "signed":
            return self._answer(200, {"status": request["state"]})
        certs, key = fake.people[request["user_id"]]
        data = base64.b64decode(request["data"])
        if fake.wrong_data:
            data += b"x"
        return self._answer(
            200,
            {
                "status": "signed",
                "certificate": [
                    base64.b64encode(c.public_bytes(Encoding.DER)).decode() for c in certs
                ],
                "signature": base64.b64encode(sign(key, data)).decode(),
            },
        )


class FakeRemoteSigning(_Server):
    """`people`: ID number → (certificate chain, key). `confirm(id)` / `refuse(id)` stand for
    the person's phone; `slow` (seconds) delays status answers; `wrong_data` signs other bytes."""

    handler = _RemoteHandler

    def __init__(self, *, client_id="dvc-portal", key="remote-key") -> None:
        super().__init__()
        self.client_id, self.secret = client_id, key
        self.people: dict[str, tuple[list, object]] = {}
        self.requests: dict[str, dict] = {}
        self.counter = 0
        self.slow = 0.0
        self.wrong_data = False

    def _answer(self, user_id: str, state: str) -> None:
        for request in self.requests.values():
            if request["user_id"] == user_id and request["state"] == "pending":
                request["state"] = state

    def confirm(self, user_id: str) -> None:
        self._answer(user_id, "signed")

    def refuse(self, user_id: str) -> None:
        self._answer(user_id, "refused")


class _PluginHandler(_Handler):
    CORS = {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Allow-Methods": "POST",
        "Access-Control-Allow-Private-Network": "true",
    }

    def do_OPTIONS(self):
        self.send_response(204)
        for name, value in self.CORS.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self):
        fake = self.server.fake
        message = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        fake.messages.append(message)
        chain = "".join(c.public_bytes(Encoding.PEM).decode() for c in fake.certificates)
        if message.get("method") == "get_certificate":
            return self._answer(200, {"ok": True, "certificate": chain}, self.CORS)
        if message.get("method") == "sign":
            if fake.cancel:
                return self._answer(200, {"ok": False, "error": "cancelled"}, self.CORS)
            signature = sign(fake.key, base64.b64decode(message["data"]))
            body = {"ok": True, "certificate": chain}
            body["signature"] = base64.b64encode(signature).decode()
            return self._answer(200, body, self.CORS)
        return self._answer(400, {"ok": False, "error": "unknown method"}, self.CORS)


class FakePlugin(_Server):
    """A USB token's signing plug-in holding `key` and its `certificates` (signer first)."""

    handler = _PluginHandler

    def __init__(self, *, certificates: list, key) -> None:
        super().__init__()
        self.certificates, self.key = certificates, key
        self.messages: list[dict] = []
        self.cancel = False
