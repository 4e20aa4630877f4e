"""The population database over HTTP JSON, shaped like NATIONAL.md §4 (the Thanh Hóa system's
names, the best public evidence; the transport below is ours, see docs/IDENTITY.md).

POST {POPULATION_HTTP_URL} with "Authorization: Bearer {POPULATION_HTTP_TOKEN}" and
{"HoVaTen", "SoDinhDanh", "Nam", "MaTichHop", "MaDVC", "MaCanBo", "MaYeuCau"}; the answer is
{"MaLoi": "0", "MoTa": "", "CongDan": {...}}. MaLoi "0" with a CongDan: found; "1" (or "0"
with no CongDan): no such person; any other code, an HTTP error, a timeout or an answer that
is not such an object: the lookup failed (PopulationLookupError, with the code).
"""

import httpx
from django.conf import settings

from dichvucong.dossiers.population import (
    PopulationLookupError,
    PopulationProvider,
    PopulationQuery,
)

FOUND = "0"
NOT_FOUND = "1"


def request_body(query: PopulationQuery) -> dict:
    """Return the JSON body of one lookup (NATIONAL.md §4 request fields)."""
    return {
        "HoVaTen": query.full_name,
        "SoDinhDanh": query.id_number,
        "Nam": query.birth_year,
        "MaTichHop": settings.POPULATION_INTEGRATION_CODE,
        "MaDVC": query.service_code,
        "MaCanBo": query.requester_code,
        "MaYeuCau": query.request_id,
    }


class HttpPopulationProvider(PopulationProvider):
    id = "http"
    required_settings = ("POPULATION_HTTP_TOKEN", "POPULATION_INTEGRATION_CODE")
    url_settings = ("POPULATION_HTTP_URL",)

    def find(self, query: PopulationQuery) -> dict | None:
        try:
            response = httpx.post(
                settings.POPULATION_HTTP_URL,
                json=request_body(query),
                headers={"Authorization": f"Bearer {settings.POPULATION_HTTP_TOKEN}"},
                timeout=float(settings.POPULATION_HTTP_TIMEOUT_SECONDS),
            )
        except httpx.TimeoutException as exc:
            raise PopulationLookupError("timeout", "timeout") from exc
        except httpx.HTTPError as exc:
            raise PopulationLookupError(
                f"unreachable: {type(exc).__name__}", "unreachable"
            ) from exc
        if response.status_code >= 300:
            raise PopulationLookupError(f"HTTP {response.status_code}", str(response.status_code))
        try:
            answer = response.json()
        except ValueError as exc:
            raise PopulationLookupError("malformed answer: not JSON", "malformed") from exc
        if not isinstance(answer, dict):
            raise PopulationLookupError("malformed answer: not an object", "malformed")
        code = str(answer.get("MaLoi", ""))
        if code == NOT_FOUND or (code == FOUND and answer.get("CongDan") is None):
            return None
        if code != FOUND:
            raise PopulationLookupError(f"refused: {answer.get('MoTa', '')}"[:200], code[:20])
        return answer["CongDan"]
