"""RFC 9457 problem details: every API error is `application/problem+json` in Vietnamese."""

import json
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "urn:dichvucong:api:problem:"

TITLES = {
    400: gettext_lazy("Yêu cầu không hợp lệ"),
    401: gettext_lazy("Chưa xác thực"),
    403: gettext_lazy("Không có quyền"),
    404: gettext_lazy("Không tìm thấy"),
    405: gettext_lazy("Phương thức không được hỗ trợ"),
    409: gettext_lazy("Xung đột trạng thái hồ sơ"),
    422: gettext_lazy("Dữ liệu không hợp lệ"),
    429: gettext_lazy("Quá nhiều yêu cầu"),
}
SLUGS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    422: "invalid-data",
    429: "too-many-requests",
}


class FieldProblem(Schema):
    """One invalid input: where it is and what is wrong, in Vietnamese."""

    loc: list[str]
    msg: str


class Problem(Schema):
    """An error (RFC 9457): `type` names the kind, `detail` says what to do about it."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = None


class ApiProblem(Exception):
    """Raise in an endpoint to answer with a problem of this status."""

    def __init__(self, status: int, detail: str, *, slug: str | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.slug = status, str(detail), slug


def problem_response(
    status: int,
    detail: str,
    *,
    slug: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Return the problem+json response for a status."""
    body: dict[str, Any] = {
        "type": TYPE_BASE + (slug or SLUGS.get(status, "error")),
        "title": str(TITLES.get(status, _("Lỗi"))),
        "status": status,
        "detail": str(detail),
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def problems(*statuses: int) -> dict[int, type[Problem]]:
    """Declare the problem responses an operation may give (for its `response=`)."""
    return dict.fromkeys(statuses, Problem)
