"""The national store over HTTPS, with TH's request and answer bodies (NATIONAL.md §7).

The bodies are the public ones; the transport is this adapter's, since none is published:
POST JSON to `NATIONAL_STORE_PULL_URL` (the pull request) and `NATIONAL_STORE_PUSH_URL` (the
result, in the answer's item shape) with `Authorization: Bearer NATIONAL_STORE_TOKEN`. An
answer may carry `{error_code, message}` as the DVCQG sync does (§5): non-zero is a refusal.
A push answer's reference is its `MaGiayToKhoQuocGia`, else its `message`.
"""

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from dichvucong.dossiers.store.national import (
    NationalPaper,
    NationalStoreError,
    NationalStoreProvider,
    PullRequest,
    parse_answer,
    push_payload,
)


def _unreachable() -> str:
    return _("Không kết nối được Kho dữ liệu quốc gia, vui lòng thử lại sau.")


def _malformed() -> str:
    return _("Kho dữ liệu quốc gia trả lời không đúng định dạng.")


class HttpNationalStore(NationalStoreProvider):
    id = "http"
    required_settings = ("NATIONAL_STORE_TOKEN",)
    url_settings = ("NATIONAL_STORE_PULL_URL", "NATIONAL_STORE_PUSH_URL")

    def pull(self, request: PullRequest) -> list[NationalPaper]:
        return parse_answer(self._post(settings.NATIONAL_STORE_PULL_URL, request.payload()))

    def push(self, *, owner_id_number: str, paper: NationalPaper) -> str:
        body = push_payload(owner_id_number=owner_id_number, paper=paper)
        answer = self._post(settings.NATIONAL_STORE_PUSH_URL, body)
        return str(answer.get("MaGiayToKhoQuocGia") or answer.get("message") or "")[:100]

    @staticmethod
    def _post(url: str, body: dict) -> dict:
        try:
            response = httpx.post(
                url,
                json=body,
                timeout=settings.NATIONAL_STORE_TIMEOUT_SECONDS,
                headers={"Authorization": f"Bearer {settings.NATIONAL_STORE_TOKEN}"},
            )
        except httpx.HTTPError as exc:
            raise NationalStoreError(_unreachable(), retryable=True) from exc
        if response.status_code == 429 or response.status_code >= 500:
            raise NationalStoreError(_unreachable(), retryable=True)
        try:
            answer = response.json()
        except ValueError as exc:
            raise NationalStoreError(_malformed()) from exc
        if not isinstance(answer, dict):
            raise NationalStoreError(_malformed())
        code = str(answer.get("error_code", "0") or "0")
        if response.status_code >= 400 or code not in ("0", "00"):
            reason = str(answer.get("message") or f"HTTP {response.status_code}")[:200]
            raise NationalStoreError(
                _("Kho dữ liệu quốc gia từ chối yêu cầu: %(reason)s") % {"reason": reason}
            )
        return answer
