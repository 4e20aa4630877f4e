"""Two OpenID providers on loopback for the tests.

`NodeProvider`: the certified `oidc-provider` (npm, tests/oidc/server.mjs), driven through its
development interactions. `FakeIssuer`: a tiny Python issuer whose token endpoint hands back
whatever ID token the test forged (expired, wrongly signed, wrong audience …), for the cases
a correct provider never produces.
"""

import json
import os
import subprocess
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import time_machine
from joserfc import jwt
from joserfc.jwk import RSAKey

ROOT = Path(__file__).resolve().parents[4]
NODE_DIR = ROOT / "tests" / "oidc"
CLIENT_ID = "dichvucong-test"
CLIENT_SECRET = "test-secret-not-for-production"
CALLBACK = "http://testserver/dang-nhap/dinh-danh/dvcqg/ve/"
HOME = "http://testserver/"


class NodeProvider:
    """Start `node tests/oidc/server.mjs` on a free loopback port."""

    def __init__(self, *, callback: str = CALLBACK, home: str = HOME):
        self.process = subprocess.Popen(
            [
                "node",
                str(NODE_DIR / "server.mjs"),
                "--port",
                "0",
                "--redirect",
                callback,
                "--logout-redirect",
                home,
                "--client-id",
                CLIENT_ID,
                "--client-secret",
                CLIENT_SECRET,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = self.process.stdout.readline().strip()
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(f"oidc-provider did not start: {line!r}")
        self.issuer = line.split(" ", 1)[1]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextmanager
def real_clock():
    """Run on the machine's real clock while the suite's clock is moved (`--on-date`).

    The Node provider signs its tokens with the real time; checked against a moved clock they
    would all look expired (or not yet valid).
    """
    if not time_machine.escape_hatch.is_travelling():
        yield
        return
    now = datetime.fromtimestamp(time_machine.escape_hatch.time.time(), tz=UTC)
    with time_machine.travel(now, tick=True):
        yield


def node_provider_available() -> bool:
    return (NODE_DIR / "node_modules" / "oidc-provider").is_dir()


def sign_in_at_provider(browser: httpx.Client, authorize_url: str, login: str) -> str:
    """Play the citizen at the provider: log in as `login`; return the portal callback URL."""
    url = authorize_url
    for _ in range(10):
        response = browser.get(url)
        if response.status_code in (302, 303):
            url = str(response.url.join(response.headers["location"]))
            if url.startswith(HOME):
                return url
            continue
        assert response.status_code == 200, response.text[:500]
        if 'name="login"' in response.text:
            posted = browser.post(url, data={"prompt": "login", "login": login, "password": "x"})
        else:
            posted = browser.post(url, data={"prompt": "consent"})
        url = str(posted.url.join(posted.headers["location"]))
    raise AssertionError("the provider never redirected back")


def sign_out_at_provider(browser: httpx.Client, logout_url: str) -> str:
    """Confirm the provider's logout page; return where it sends the browser back."""
    page = browser.get(logout_url)
    assert page.status_code == 200, page.text[:300]
    form_action = page.text.split('action="', 1)[1].split('"', 1)[0]
    xsrf = page.text.split('name="xsrf" value="', 1)[1].split('"', 1)[0]
    done = browser.post(page.url.join(form_action), data={"xsrf": xsrf, "logout": "yes"})
    assert done.status_code in (302, 303), done.text[:300]
    return done.headers["location"]


class FakeIssuer:
    """A minimal issuer: discovery, JWKS and a token endpoint answering with `self.id_token`."""

    def __init__(self):
        self.key = RSAKey.generate_key(2048, parameters={"kid": "good", "use": "sig"})
        self.id_token_for = None  # callable(nonce) -> compact JWT
        self.token_calls = 0
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, value, status=200):
                body = json.dumps(value).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/.well-known/openid-configuration":
                    self._json(issuer.metadata())
                elif self.path == "/jwks":
                    self._json({"keys": [issuer.key.as_dict(private=False)]})
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = parse_qs(self.rfile.read(length).decode())
                issuer.token_calls += 1
                if self.path != "/token" or "code_verifier" not in form:
                    self._json({"error": "invalid_request"}, 400)
                    return
                self._json(
                    {
                        "access_token": "at",
                        "token_type": "Bearer",
                        "id_token": issuer.id_token_for(issuer.last_nonce),
                    }
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.last_nonce = ""
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def metadata(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/auth",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
        }

    def remember(self, authorize_url: str) -> dict[str, str]:
        """Read the portal's authorization request (as the issuer would) and keep its nonce."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        self.last_nonce = query.get("nonce", "")
        return query

    def forge(self, claims: dict, *, key=None, alg: str = "RS256") -> str:
        key = key or self.key
        return jwt.encode({"alg": alg, "kid": key.kid}, claims, key)

    def good_claims(self, nonce: str, **changes) -> dict:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": "fake-sub-1",
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "LoaiTaiKhoan": 1,
            "SoDinhDanh": "079199000789",
            "HoVaTen": "Phạm Văn Giả Lập",
            "NgayThangNamSinh": "1991-02-03",
            "loAs": "LoA2",
        }
        claims.update(changes)
        return {k: v for k, v in claims.items() if v is not None}

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def e2e_required() -> bool:
    return os.environ.get("E2E_REQUIRED") == "1"
