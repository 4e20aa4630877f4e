"""A fake SMS-brandname gateway on loopback speaking the `http` provider's JSON protocol."""

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeGateway:
    """Start with `with FakeGateway() as gw:`; set `gw.reply` to (status, body) or "sleep"."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.reply: tuple[int, object] | str = (200, {"code": "00", "message_id": "gw-1"})
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                auth = self.headers.get("Authorization", "")
                gateway.requests.append(
                    {
                        "body": json.loads(self.rfile.read(length)),
                        "auth": base64.b64decode(auth.removeprefix("Basic ")).decode(),
                    }
                )
                if gateway.reply == "sleep":
                    time.sleep(1.0)
                    return
                status, body = gateway.reply
                payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms/send"

    def __enter__(self) -> "FakeGateway":
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
