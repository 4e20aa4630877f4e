"""For agency systems (bearer token, per-agency scopes): their dossiers and status changes.

A client sees only its own agency's dossiers (another agency's code is a 404, as if it did not
exist), and changes a status only through the status machine, which checks its service
user's roles in that agency and writes the history and the audit row.
"""

from django.utils.translation import gettext as _
from ninja import Field as SchemaField
from ninja import Query, Router, Schema

from dichvucong.accounts.selectors import specialists_of
from dichvucong.api import schemas as s
from dichvucong.api.auth import AgencyToken, require_scope
from dichvucong.api.cursors import BadCursor, make_cursor, read_cursor
from dichvucong.api.models import ApiClient, Scope
from dichvucong.api.presenters import history_of, named, status_of
from dichvucong.api.problems import ApiProblem, problems
from dichvucong.api.routers.catalog import bad_cursor
from dichvucong.core.audit import client_ip
from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.statuses import STATUS_OF_API_CODE
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.selectors import staff_dossiers
from dichvucong.processing.services.transition import dossier_transition
from dichvucong.tracking.lookup import normalise_code

router = Router(tags=["Hệ thống cơ quan"], auth=AgencyToken())
MAX_PAGE = 100


class DossierQuery(Schema):
    status: s.StatusCode | None = SchemaField(None, description="Chỉ hồ sơ ở trạng thái này.")
    limit: int = SchemaField(50, ge=1, le=MAX_PAGE)
    cursor: str | None = SchemaField(None, max_length=500)


def _dossiers(client: ApiClient):
    """The client's agency's submitted dossiers, through the officers' own selector."""
    return (
        staff_dossiers(client.service_user)
        .filter(agency_id=client.agency_id)
        .select_related("procedure")
    )


def _item(dossier: Dossier) -> dict:
    return {
        "code": dossier.code,
        "procedure": named(dossier.procedure),
        "status": status_of(dossier),
        "channel": dossier.channel,
        "applicant_name": dossier.applicant_name,
        "submitted_at": dossier.submitted_at,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "completed_at": dossier.completed_at,
        "returned_at": dossier.returned_at,
        "updated_at": dossier.updated_at,
    }


@router.get(
    "/dossiers",
    response={200: s.AgencyDossierPage, **problems(400, 401, 403, 422)},
    summary="Hồ sơ của cơ quan (mới nhất trước)",
    description="Phạm vi `dossiers:read`. Phân trang bằng cursor, thứ tự ổn định.",
)
def list_dossiers(request, query: Query[DossierQuery]):
    client = require_scope(request, Scope.DOSSIERS_READ)
    filters = {"status": query.status or ""}
    scope = f"agency-dossiers:{client.pk}"
    rows = _dossiers(client).order_by("-id")
    if query.status:
        rows = rows.filter(status=STATUS_OF_API_CODE[query.status])
    if query.cursor is not None:
        try:
            last_id = read_cursor(query.cursor, scope=scope, filters=filters)
        except BadCursor:
            raise ApiProblem(400, bad_cursor(), slug="bad-cursor") from None
        if not isinstance(last_id, int):
            raise ApiProblem(400, bad_cursor(), slug="bad-cursor")
        rows = rows.filter(id__lt=last_id)
    page = list(rows[: query.limit + 1])
    more = len(page) > query.limit
    page = page[: query.limit]
    return {
        "items": [_item(d) for d in page],
        "next_cursor": make_cursor(page[-1].pk, scope=scope, filters=filters) if more else None,
    }


def _dossier(client: ApiClient, code: str) -> Dossier:
    normalised = normalise_code(code)
    dossier = _dossiers(client).filter(code=normalised).first() if normalised else None
    if dossier is None:
        raise ApiProblem(404, _("Không tìm thấy hồ sơ có mã này trong cơ quan của bạn."))
    return dossier


@router.get(
    "/dossiers/{code}",
    response={200: s.AgencyDossier, **problems(401, 403, 404, 422)},
    summary="Một hồ sơ của cơ quan và quá trình xử lý",
    description="Phạm vi `dossiers:read`.",
)
def get_dossier(request, code: str):
    client = require_scope(request, Scope.DOSSIERS_READ)
    found = _dossier(client, code)
    return {**_item(found), "history": history_of(found)}


@router.post(
    "/dossiers/{code}/status",
    response={200: s.AgencyDossier, **problems(400, 401, 403, 404, 409, 422)},
    summary="Chuyển trạng thái hồ sơ",
    description=(
        "Phạm vi `dossiers:write`. Qua máy trạng thái: bước không có trong bảng hoặc hồ sơ đã "
        "bị người khác cập nhật (`expected`) là 409, vai trò không cho phép là 403."
    ),
)
def change_status(request, code: str, body: s.StatusChangeIn):
    client = require_scope(request, Scope.DOSSIERS_WRITE)
    found = _dossier(client, code)
    data = {}
    if body.assignee_username:
        # Only the agency's specialists are looked up: the answer says nothing of other users.
        assignee = specialists_of(client.agency_id).filter(username=body.assignee_username)
        if not assignee.exists():
            raise ApiProblem(400, _("Chuyên viên được chọn không thuộc cơ quan này."))
        data["assignee_id"] = assignee.values_list("pk", flat=True).first()
    try:
        changed = dossier_transition(
            dossier=found,
            to=STATUS_OF_API_CODE[body.to],
            actor=client.service_user,
            note=body.note,
            data=data,
            expected_status=STATUS_OF_API_CODE[body.expected] if body.expected else None,
            ip_address=client_ip(request),
        )
    except TransitionError as error:
        raise ApiProblem(error.status_code, str(error), slug="transition-refused") from None
    return {**_item(changed), "history": history_of(changed)}
