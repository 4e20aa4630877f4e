"""What the citizen typed reads the same everywhere: review step, both dossier pages, the slips."""

import io
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.core.vn.addresses import communes, provinces
from dichvucong.dossiers.forms import SchemaForm
from dichvucong.dossiers.models import Attachment, AttachmentKind
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.services import dossier_submit, draft_create, draft_save_answers
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.tests.factories import make_team

pytestmark = pytest.mark.django_db
SCHEMA = [
    {"name": "ho_ten", "label": "Họ và tên", "type": "text", "section": "Người được khai sinh"},
    {"name": "ngay_sinh", "label": "Ngày sinh", "type": "date", "section": "Người được khai sinh"},
    {
        "name": "gioi_tinh",
        "label": "Giới tính",
        "type": "choice",
        "choices": [{"value": "M", "label": "Nam"}, {"value": "F", "label": "Nữ"}],
        "section": "Người được khai sinh",
    },
    {"name": "noi_sinh", "label": "Nơi sinh", "type": "address", "section": "Nơi sinh"},
    {"name": "cam_doan", "label": "Tôi cam đoan", "type": "checkbox", "required": True},
]


def _commune():
    province = next(c for c, n in provinces() if n.endswith("Lâm Đồng"))
    code, name = next((c, n) for c, n in communes(province) if n == "Phường Phan Thiết")
    return province, code, name


@pytest.fixture
def submitted(client):
    team = make_team(make_agency(name="UBND phường Phan Thiết"))
    procedure = make_procedure(agencies=[team["agency"]], form_schema=SCHEMA)
    citizen = make_citizen(full_name="Trần Thị Mai")
    province, commune, _ = _commune()
    draft = draft_create(applicant=citizen, procedure=procedure)
    typed = {
        "ho_ten": "Trần Gia Bảo",
        "ngay_sinh": "05/03/2020",
        "gioi_tinh": "F",
        "noi_sinh__province": province,
        "noi_sinh__commune": commune,
        "noi_sinh__line": "Số 1 đường Lê Lợi",
        "cam_doan": "on",
    }
    draft_save_answers(dossier=draft, form=SchemaForm(SCHEMA, data=typed))
    client.force_login(citizen)
    review = client.get(reverse("dossiers:draft_review", args=[draft.pk])).content.decode()
    dossier = dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=draft.form_data,
        idempotency_key=uuid.uuid4(),
        draft=draft,
    )
    return {"dossier": dossier, "team": team, "citizen": citizen, "review": review}


def _html_shows_everything(html: str) -> None:
    _, _, commune = _commune()
    assert '<th scope="row">Ngày sinh</th><td>05/03/2020</td>' in html
    assert '<th scope="row">Giới tính</th><td>Nữ</td>' in html
    assert '<th scope="row">Tôi cam đoan</th><td>Có</td>' in html
    assert f"Số 1 đường Lê Lợi, {commune}, Lâm Đồng" in html
    assert "<h3>Người được khai sinh</h3>" in html and "<h3>Nơi sinh</h3>" in html
    assert "ngay_sinh" not in html and "2020-03-05" not in html


def _pdf_shows_everything(text: str) -> None:
    _, _, commune = _commune()
    text = " ".join(text.split())
    assert "Ngày sinh: 05/03/2020" in text
    assert "Giới tính: Nữ" in text
    assert "Tôi cam đoan: Có" in text
    assert f"Số 1 đường Lê Lợi, {commune}, Lâm Đồng" in text


def _pdf(handle) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)


def test_review_step_and_both_dossier_pages_show_labels_names_dates_and_choices(client, submitted):
    dossier = submitted["dossier"]
    citizen_page = client.get(reverse("tracking:my_dossier", args=[dossier.code]))
    client.force_login(submitted["team"]["counter"])
    officer_page = client.get(reverse("processing:dossier", args=[dossier.pk]))

    for html in (submitted["review"], citizen_page.content.decode(), officer_page.content.decode()):
        _html_shows_everything(html)


def test_receipts_and_control_sheet_list_the_same_readable_content(
    client, submitted, django_capture_on_commit_callbacks
):
    dossier, team = submitted["dossier"], submitted["team"]
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    slips = Attachment.objects.filter(dossier=dossier, kind=AttachmentKind.SLIP)
    received = _pdf(slips.get(original_name__startswith="01-").file.open("rb"))
    control = _pdf(slips.get(original_name__startswith="06-").file.open("rb"))
    online = client.get(reverse("dossiers:receipt", args=[dossier.pk]))

    for text in (received, control, _pdf(io.BytesIO(b"".join(online.streaming_content)))):
        _pdf_shows_everything(text)
    assert "Mẫu số 01" in received and "Lê Thị Một Cửa" in received
