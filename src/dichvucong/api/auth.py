"""Bearer-token authentication of agency systems and their scopes."""

from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from dichvucong.api.clients import client_for_token
from dichvucong.api.models import ApiClient
from dichvucong.api.problems import ApiProblem


class AgencyToken(HttpBearer):
    """`Authorization: Bearer dvc_…`: the token `create_api_client` printed once."""

    openapi_description = "Mã truy cập của hệ thống cơ quan (tạo bằng `create_api_client`)."

    def authenticate(self, request, token: str) -> ApiClient | None:
        return client_for_token(token)


def require_scope(request, scope: str) -> ApiClient:
    """Return the calling client, or answer 403 when its token lacks the scope."""
    client: ApiClient = request.auth
    if not client.has_scope(scope):
        raise ApiProblem(
            403,
            _("Mã truy cập không có phạm vi “%(scope)s”.") % {"scope": scope},
            slug="missing-scope",
        )
    return client
