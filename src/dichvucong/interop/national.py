"""The National Public Service Portal's dossier API behind a registry (setting
NATIONAL_PORTAL_PROVIDER): `dvcqg`, its JSON-over-HTTP sync service (NATIONAL.md §5), and
`demo`, which keeps what it is sent in memory and has nothing filed nationally."""

import json
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings

from dichvucong.core.http import http_client
from dichvucong.core.providers import load_provider, settings_problems

NATIONAL_PORTAL_CLASSES = {
    "demo": "dichvucong.interop.national.DemoNationalPortal",
    "dvcqg": "dichvucong.interop.national.DvcqgNationalPortal",
}


class NationalPortalError(Exception):
    """The portal could not be reached, refused the records, or answered nonsense."""


@dataclass(frozen=True)
class NationalFile:
    """A file of a dossier filed nationally: its paper's code, name and bytes."""

    paper_code: str
    name: str
    content: bytes


class NationalPortal:
    """Base class: push dossier and progress records; pull and acknowledge filed dossiers."""

    id = ""
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()

    def push(self, kind: str, records: list[dict[str, Any]]) -> None:
        """Send records of one kind ("create", "update" or "progress"), in order; raise
        NationalPortalError unless the portal accepted every one."""
        raise NotImplementedError

    def pull(self) -> list[dict[str, Any]]:
        """The dossiers filed nationally for the province's agencies, not yet acknowledged."""
        raise NotImplementedError

    def fetch_file(self, path: str) -> bytes:
        """The bytes of one file a pulled dossier lists (its DuongDanTaiTepTin)."""
        raise NotImplementedError

    def acknowledge(self, national_codes: list[str]) -> None:
        """Tell the portal these dossiers were received (they are not pulled again)."""
        raise NotImplementedError


class DemoNationalPortal(NationalPortal):
    """Accepts everything; nothing is ever filed nationally. For `make run`."""

    id = "demo"
    received: list[tuple[str, dict[str, Any]]] = []

    def push(self, kind: str, records: list[dict[str, Any]]) -> None:
        self.received.extend((kind, record) for record in records)
        del self.received[:-1000]  # keep the latest, for a look in the shell

    def pull(self) -> list[dict[str, Any]]:
        return []

    def fetch_file(self, path: str) -> bytes:
        raise NationalPortalError("the demo portal holds no files")

    def acknowledge(self, national_codes: list[str]) -> None:
        return None


class DvcqgNationalPortal(NationalPortal):
    """DVCQG's SyncLocalDataToDVCQGService: JSON arrays POSTed to the create, update and
    progress URLs, answered `{error_code, message}` (error_code 0 accepts); the province id and
    a bearer token identify the province. Pull, file and acknowledge URLs take the same token."""

    id = "dvcqg"
    required_settings = ("DVCQG_SYNC_PROVINCE_ID", "DVCQG_SYNC_TOKEN")
    url_settings = (
        "DVCQG_SYNC_CREATE_URL",
        "DVCQG_SYNC_UPDATE_URL",
        "DVCQG_SYNC_PROGRESS_URL",
        "DVCQG_SYNC_PULL_URL",
        "DVCQG_SYNC_FILE_URL",
        "DVCQG_SYNC_ACK_URL",
    )

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {settings.DVCQG_SYNC_TOKEN}",
            "X-Province-Id": settings.DVCQG_SYNC_PROVINCE_ID,
        }

    def _call(self, url: str, body: Any) -> Any:
        try:
            answer = http_client().post(
                url,
                content=json.dumps(body, ensure_ascii=False).encode(),
                headers=self._headers() | {"Content-Type": "application/json"},
                timeout=settings.DVCQG_SYNC_TIMEOUT_SECONDS,
            )
        except httpx.HTTPError as exc:
            raise NationalPortalError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
        if answer.status_code != 200:
            raise NationalPortalError(f"{url}: HTTP {answer.status_code}")
        try:
            data = answer.json()
        except ValueError as exc:
            raise NationalPortalError(f"{url}: the answer is not JSON") from exc
        if not isinstance(data, dict) or str(data.get("error_code")) != "0":
            code = data.get("error_code") if isinstance(data, dict) else "?"
            message = data.get("message") if isinstance(data, dict) else ""
            raise NationalPortalError(f"{url}: error_code {code}: {str(message)[:200]}")
        return data

    def push(self, kind: str, records: list[dict[str, Any]]) -> None:
        url = {
            "create": settings.DVCQG_SYNC_CREATE_URL,
            "update": settings.DVCQG_SYNC_UPDATE_URL,
            "progress": settings.DVCQG_SYNC_PROGRESS_URL,
        }[kind]
        self._call(url, records)

    def pull(self) -> list[dict[str, Any]]:
        data = self._call(settings.DVCQG_SYNC_PULL_URL, {"MaTinh": settings.DVCQG_SYNC_PROVINCE_ID})
        records = data.get("data")
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise NationalPortalError("pull: `data` is not a list of dossiers")
        return records

    def fetch_file(self, path: str) -> bytes:
        try:
            answer = http_client().get(
                settings.DVCQG_SYNC_FILE_URL,
                params={"path": path},
                headers=self._headers(),
                timeout=settings.DVCQG_SYNC_TIMEOUT_SECONDS,
            )
        except httpx.HTTPError as exc:
            raise NationalPortalError(f"file {path}: {exc}") from exc
        if answer.status_code != 200:
            raise NationalPortalError(f"file {path}: HTTP {answer.status_code}")
        return answer.content

    def acknowledge(self, national_codes: list[str]) -> None:
        self._call(settings.DVCQG_SYNC_ACK_URL, [{"MaHoSo": code} for code in national_codes])


def national_portal() -> NationalPortal:
    """The configured provider (NATIONAL_PORTAL_PROVIDER)."""
    return load_provider(NATIONAL_PORTAL_CLASSES, settings.NATIONAL_PORTAL_PROVIDER, kind="portal")


def national_portal_ready() -> bool:
    """Whether the configured provider has every setting it needs."""
    if settings.NATIONAL_PORTAL_PROVIDER not in NATIONAL_PORTAL_CLASSES:
        return False
    return not settings_problems(national_portal())
