"""A fake National Public Service Portal on loopback: the sync API's create, update and
progress arrays answered `{error_code, message}`, dossiers to pull with their files, and
acknowledgements. It keeps what it was sent (deduplicated by each record's natural key, as
the portal upserts) and can be made to fail: down, 5xx, slow, malformed, refusing."""

import json
import threading
import time

from dichvucong.payments.tests.fakes import FakeServer

TOKEN = "dvcqg-sync-test-token"
PROVINCE = "56"


def progress_key(row: dict) -> tuple:
    return (
        row.get("MaHoSo"),
        row.get("ThoiDiemXuLy"),
        row.get("TrangThai"),
        row.get("NoiDungXuLy"),
    )


class FakeNationalPortal(FakeServer):
    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()
        self.dossiers: dict[str, dict] = {}
        self.progress: dict[str, list[dict]] = {}
        self.progress_keys: set[tuple] = set()
        self.received_counts = {"create": 0, "update": 0, "progress": 0}
        self.filed: list[dict] = []
        self.files: dict[str, bytes] = {}
        self.acknowledged: list[str] = []
        self.failures: list[tuple[int, bytes]] = []  # answers to give next, in order
        self.slow_seconds = 0.0

    def configure(self, settings) -> None:
        settings.NATIONAL_PORTAL_PROVIDER = "dvcqg"
        settings.DVCQG_SYNC_PROVINCE_ID = PROVINCE
        settings.DVCQG_SYNC_TOKEN = TOKEN
        for name in ("create", "update", "progress", "pull", "file", "ack"):
            setattr(settings, f"DVCQG_SYNC_{name.upper()}_URL", f"{self.url}/{name}")
        settings.DVCQG_SYNC_TIMEOUT_SECONDS = 2

    def fail_next(self, times: int = 1, *, status: int = 500, body: bytes = b"") -> None:
        self.failures += [(status, body)] * times

    def route(self, method, path, query, body, headers):
        if headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.json({"error_code": "401", "message": "Sai mã truy cập"}, status=401)
        if self.slow_seconds:
            time.sleep(self.slow_seconds)
        if self.failures:
            status, payload = self.failures.pop(0)
            return status, {"Content-Type": "application/json"}, payload
        kind = path.strip("/")
        if kind == "file" and method == "GET":
            content = self.files.get(query.get("path", ""))
            return (200, {}, content) if content is not None else (404, {}, b"")
        try:
            data = json.loads(body or b"null")
        except ValueError:
            return self.json({"error_code": "400", "message": "Dữ liệu không hợp lệ"}, status=400)
        with self.lock:
            if kind in ("create", "update"):
                for record in data:
                    self.received_counts[kind] += 1
                    self.dossiers[record["MaHoSo"]] = record
                return self.json({"error_code": "0", "message": "Thành công"})
            if kind == "progress":
                for row in data:
                    self.received_counts["progress"] += 1
                    if progress_key(row) in self.progress_keys:
                        continue
                    self.progress_keys.add(progress_key(row))
                    self.progress.setdefault(row["MaHoSo"], []).append(row)
                return self.json({"error_code": "0", "message": "Thành công"})
            if kind == "pull":
                pending = [r for r in self.filed if r["MaHoSo"] not in self.acknowledged]
                return self.json({"error_code": "0", "message": "", "data": pending})
            if kind == "ack":
                self.acknowledged += [row["MaHoSo"] for row in data]
                return self.json({"error_code": "0", "message": "Thành công"})
        return 404, {}, b""

    def statuses(self, code: str) -> list[str]:
        """The statuses reported for a dossier, in the order the progress rows arrived."""
        return [row["TrangThai"] for row in self.progress.get(code, [])]
