"""The shapes the API reads and writes (OpenAPI components)."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from dichvucong.dossiers.statuses import STATUS_OF_API_CODE

StatusCode = Literal[tuple(STATUS_OF_API_CODE)]  # type: ignore[valid-type]
Answer = bool | Annotated[int, Field(ge=0, le=100_000)] | Annotated[str, Field(max_length=200)]


class NamedRef(Schema):
    code: str
    name: str


class FieldItem(NamedRef):
    procedure_count: int


class ProcedureItem(Schema):
    code: str
    name: str
    online_level: str
    online_level_label: str
    field_name: str
    agency_names: list[str]


class ProcedurePage(Schema):
    items: list[ProcedureItem]
    next_cursor: str | None = Field(description="Truyền lại làm `cursor` để lấy trang sau.")


class FormOut(Schema):
    id: int
    name: str
    download_url: str


class PaperOut(Schema):
    code: str
    name: str
    originals: int
    copies: int
    is_required: bool
    note: str
    form: FormOut | None


class FeeOut(Schema):
    name: str
    amount: int = Field(description="Mức thu, đồng.")
    unit: str
    channel: str
    quantity_field: str
    is_optional: bool
    note: str


class ProcedureDetail(Schema):
    code: str
    name: str
    field: NamedRef
    agencies: list[NamedRef]
    online_level: str
    online_level_label: str
    accepts_counter: bool
    accepts_online: bool
    accepts_post: bool
    min_identity_level: str
    processing_days: float | None
    processing_time_text: str
    applicants: str
    steps: str
    method: str
    conditions: str
    result: str
    legal_basis: str
    fee_text: str
    papers: list[PaperOut]
    fees: list[FeeOut]
    form_schema: list[dict] | None = Field(
        description="Biểu mẫu điện tử (docs/FORM_SCHEMA.md); null khi đang được cập nhật."
    )


class FeeQuoteIn(Schema):
    channel: Literal[1, 2, 3] = Field(description="1 trực tiếp, 2 trực tuyến, 3 bưu chính.")
    answers: dict[Annotated[str, Field(max_length=60)], Answer] = Field(
        default_factory=dict, max_length=100
    )


class FeeLineOut(Schema):
    name: str
    unit: str
    unit_amount: int
    quantity: int
    amount: int


class FeeQuoteOut(Schema):
    lines: list[FeeLineOut]
    total: int


class LookupIn(Schema):
    code: str = Field(max_length=60, description="Mã hồ sơ, ví dụ 000.00.06.H56-261125-0007.")
    factor: str = Field(
        max_length=60, description="4 số cuối số điện thoại hoặc số định danh của người nộp."
    )


class HistoryEntry(Schema):
    at: datetime
    label: str


class StatusOut(Schema):
    code: StatusCode
    number: int
    label: str


class PublicDossier(Schema):
    code: str
    procedure: NamedRef
    agency: NamedRef
    status: StatusOut
    current_step: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    returned_at: datetime | None
    history: list[HistoryEntry]


class AgencyDossierItem(Schema):
    code: str
    procedure: NamedRef
    status: StatusOut
    channel: int
    applicant_name: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    completed_at: datetime | None
    returned_at: datetime | None
    updated_at: datetime


class AgencyDossierPage(Schema):
    items: list[AgencyDossierItem]
    next_cursor: str | None


class AgencyDossier(AgencyDossierItem):
    history: list[HistoryEntry]


class StatusChangeIn(Schema):
    to: StatusCode = Field(description="Mã trạng thái đích (NATIONAL.md §2).")
    expected: StatusCode | None = Field(
        default=None, description="Trạng thái hiện tại mà hệ thống gọi biết; khác thì 409."
    )
    note: str = Field(default="", max_length=2000)
    assignee_username: str | None = Field(
        default=None, max_length=150, description="Chuyên viên xử lý (khi chuyển xử lý)."
    )
