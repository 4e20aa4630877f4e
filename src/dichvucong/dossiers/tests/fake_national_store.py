"""A fake national e-document store on loopback speaking the `http` provider's JSON bodies."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeNationalStore:
    """`with FakeNationalStore() as store:`; set `store.reply` to (status, body) per path."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.reply: dict[str, tuple[int, object]] = {
            "/pull": (200, {"DanhSachGiayToKetQua": []}),
            "/push": (200, {"error_code": 0, "message": "ok", "MaGiayToKhoQuocGia": "QG-1"}),
        }
        store = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                store.requests.append(
                    {
                        "path": self.path,
                        "auth": self.headers.get("Authorization", ""),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                status, body = store.reply[self.path]
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
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "FakeNationalStore":
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        ).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
