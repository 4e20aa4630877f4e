"""The versioned public API (`/api/v1/`): routers, problem+json errors, the OpenAPI schema."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from dichvucong.api.problems import CONTENT_TYPE, ApiProblem, problem_response
from dichvucong.api.routers import agency, catalog, lookup
from dichvucong.api.validation import field_problems

DESCRIPTION = """API công khai của Hệ thống thông tin giải quyết TTHC: danh mục thủ tục, tra cứu
hồ sơ, và cho hệ thống của cơ quan (mã truy cập theo cơ quan) danh sách và cập nhật trạng thái
hồ sơ. Lỗi theo RFC 9457 (`application/problem+json`). Xem docs/API.md."""


class PortalApi(NinjaAPI):
    """NinjaAPI whose documented error responses are `application/problem+json`."""

    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__  # unique across the routers: list_dossiers, …

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[CONTENT_TYPE] = content.pop("application/json")
        return schema


api = PortalApi(
    title="Dịch Vụ Công API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
)
api.add_router("/catalog", catalog.router)
api.add_router("/dossiers", lookup.router)
api.add_router("/agency", agency.router)


@api.exception_handler(ApiProblem)
def _problem(request, exc: ApiProblem):
    return problem_response(exc.status, exc.detail, slug=exc.slug)


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    return problem_response(
        422,
        _("Dữ liệu gửi lên không hợp lệ; xem danh sách lỗi."),
        errors=field_problems(exc.errors),
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc: AuthenticationError):
    return problem_response(
        401,
        _("Thiếu mã truy cập hoặc mã không hợp lệ, đã bị thu hồi."),
        headers={"WWW-Authenticate": "Bearer"},
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if exc.status_code == 400:  # django-ninja could not read the body
        return problem_response(400, _("Nội dung yêu cầu không đọc được (cần JSON hợp lệ)."))
    return problem_response(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request, exc: Http404):
    return problem_response(404, _("Không tìm thấy."))
