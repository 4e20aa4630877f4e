"""The one plain Django view of the API: a path under /api/v1/ that names no endpoint."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from dichvucong.api.problems import problem_response


def unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Answer a problem+json 404 (not the portal's HTML page) for an unknown API path."""
    return problem_response(404, _("Không có điểm cuối API này; xem /api/docs."))
