"""The public catalog: fields, agencies, procedures with their papers, fees and forms."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field as SchemaField
from ninja import Query, Router, Schema

from dichvucong.api import schemas as s
from dichvucong.api.cursors import BadCursor, make_cursor, read_cursor
from dichvucong.api.problems import ApiProblem, problems
from dichvucong.catalog import selectors
from dichvucong.catalog.fees import fee_quote
from dichvucong.catalog.form_schema import validate_form_schema
from dichvucong.catalog.forms import ProcedureFilters
from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.search import MAX_QUERY_CHARS

router = Router(tags=["Danh mục thủ tục"])
MAX_PAGE = 100


class ProcedureQuery(Schema):
    q: str = SchemaField("", max_length=MAX_QUERY_CHARS, description="Từ khóa (có dấu hay không).")
    field: str = SchemaField("", max_length=60, description="Mã lĩnh vực.")
    agency: str = SchemaField("", max_length=40, description="Mã cơ quan thực hiện.")
    level: str = SchemaField("", max_length=20, description="Mức độ trực tuyến.")
    channel: str = SchemaField("", max_length=20, description="counter, online hoặc post.")
    limit: int = SchemaField(20, ge=1, le=MAX_PAGE)
    cursor: str | None = SchemaField(None, max_length=500)


@router.get("/fields", response=list[s.FieldItem], summary="Lĩnh vực có thủ tục")
def list_fields(request):
    return [
        {"code": f.code, "name": f.name, "procedure_count": f.procedure_count}
        for f in selectors.fields_with_counts()
    ]


@router.get("/agencies", response=list[s.NamedRef], summary="Cơ quan thực hiện")
def list_agencies(request):
    _fields, agencies = selectors.filter_choices()
    return [{"code": code, "name": name} for code, name in agencies]


@router.get(
    "/procedures",
    response={200: s.ProcedurePage, **problems(400, 422)},
    summary="Tìm thủ tục",
    description="Bộ lọc không hợp lệ được bỏ qua như trên trang danh mục. Phân trang bằng cursor.",
)
def list_procedures(request, query: Query[ProcedureQuery]):
    fields, agencies = selectors.filter_choices()
    params = QueryDict(mutable=True)
    params.update({k: getattr(query, k) for k in ("q", "field", "agency", "level", "channel")})
    filters = ProcedureFilters(params, fields=fields, agencies=agencies).filters()
    offset = 0
    if query.cursor is not None:
        offset = _offset(query.cursor, filters)
    results = selectors.procedure_search(**filters)
    rows = results[offset : offset + query.limit + 1]
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    return {
        "items": [
            {
                "code": row.code,
                "name": row.name,
                "online_level": row.online_level,
                "online_level_label": row.level_label,
                "field_name": row.field_name,
                "agency_names": row.agency_names,
            }
            for row in rows
        ],
        "next_cursor": (
            make_cursor(offset + len(rows), scope="procedures", filters=filters) if more else None
        ),
    }


def _offset(cursor: str, filters: dict) -> int:
    try:
        offset = read_cursor(cursor, scope="procedures", filters=filters)
    except BadCursor:
        raise ApiProblem(400, bad_cursor(), slug="bad-cursor") from None
    if not isinstance(offset, int) or offset < 0:
        raise ApiProblem(400, bad_cursor(), slug="bad-cursor")
    return offset


def bad_cursor() -> str:
    return _("Cursor không hợp lệ hoặc không thuộc danh sách và bộ lọc này; hãy bắt đầu lại.")


@router.get(
    "/procedures/{code}",
    response={200: s.ProcedureDetail, **problems(404, 422)},
    summary="Chi tiết thủ tục: giấy tờ, phí, biểu mẫu",
)
def get_procedure(request, code: str):
    found = _procedure(code)
    documents = list(found.required_documents.all())
    return {
        "code": found.code,
        "name": found.name,
        "field": {"code": found.field.code, "name": found.field.name},
        "agencies": [{"code": a.code, "name": a.name} for a in found.agencies.all()],
        "online_level": found.online_level,
        "online_level_label": OnlineLevel.label_with_old(found.online_level),
        "accepts_counter": found.accepts_counter,
        "accepts_online": found.accepts_online,
        "accepts_post": found.accepts_post,
        "min_identity_level": found.min_identity_level,
        "processing_days": (
            float(found.processing_days) if found.processing_days is not None else None
        ),
        **{
            name: getattr(found, name)
            for name in (
                "processing_time_text",
                "applicants",
                "steps",
                "method",
                "conditions",
                "result",
                "legal_basis",
                "fee_text",
            )
        },
        "papers": [_paper(request, found.code, doc) for doc in documents],
        "fees": [
            {
                "name": fee.name,
                "amount": fee.amount,
                "unit": fee.unit,
                "channel": fee.channel,
                "quantity_field": fee.quantity_field,
                "is_optional": fee.is_optional,
                "note": fee.note,
            }
            for fee in found.fees.all()
        ],
        "form_schema": None if validate_form_schema(found.form_schema) else found.form_schema,
    }


def _procedure(code: str):
    found = selectors.procedure_detail(code) if len(code) <= 20 else None
    if found is None:
        raise ApiProblem(404, _("Không tìm thấy thủ tục có mã này."))
    return found


def _paper(request, code: str, doc) -> dict:
    template = doc.form_template
    form = None
    if template is not None and template.file:
        url = reverse("catalog:form_download", args=[code, template.pk])
        form = {"id": template.pk, "name": template.name, "download_url": url}
    return {
        "code": doc.code,
        "name": doc.name,
        "originals": doc.originals,
        "copies": doc.copies,
        "is_required": doc.is_required,
        "note": doc.note,
        "form": form,
    }


@router.post(
    "/procedures/{code}/fee-quote",
    response={200: s.FeeQuoteOut, **problems(400, 404, 422)},
    summary="Tính phí, lệ phí phải nộp",
    description="Cùng một phép tính với bước xem lại khi nộp hồ sơ (catalog.fees.fee_quote).",
)
def quote_fees(request, code: str, body: s.FeeQuoteIn):
    found = _procedure(code)
    result = fee_quote(procedure=found, channel=body.channel, data=body.answers)
    return {"lines": [line.as_dict() for line in result.lines], "total": result.total}
