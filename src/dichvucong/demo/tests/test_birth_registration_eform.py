"""Khai sinh online, with the demo catalog: the e-form replaces the paper tờ khai, the receipt
says so, the officer opens a PDF of the filled e-form; the 54 ethnic groups are offered."""

import io
import json
import uuid

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.importer import import_catalog
from dichvucong.catalog.models import Procedure
from dichvucong.core.vn import addresses
from dichvucong.demo.registry import DemoReport
from dichvucong.demo.steps import catalog, form_schemas
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.dossiers.tests.helpers import document_photo
from dichvucong.processing.tests.factories import make_team

pytestmark = pytest.mark.django_db
CODE = "1.001193"
CHILD = "Pinăng Thị Ánh Nguyệt"


@pytest.fixture
def birth() -> Procedure:
    """The demo catalog's khai sinh procedure, with its e-form, as load_demo writes it."""
    data = json.loads(catalog.DATA.read_text(encoding="utf-8"))
    row = next(p for p in data["procedures"] if p["code"] == CODE)
    templates = {d.get("form_template") for d in row["required_documents"]}
    import_catalog(
        {
            "fields": data["fields"],
            "agencies": data["agencies"],
            "forms": [f for f in data["forms"] if f["code"] in templates],
            "procedures": [row],
        }
    )
    form_schemas.load(DemoReport())
    return Procedure.objects.get(code=CODE)


def _address(prefix: str) -> dict:
    province = addresses.provinces()[0][0]
    commune = addresses.communes(province)[0][0]
    return {
        f"{prefix}__province": province,
        f"{prefix}__commune": commune,
        f"{prefix}__line": "Thôn 2",
    }


def _answers(citizen, **changes) -> dict:
    answers = {
        "requester_full_name": citizen.full_name,
        "requester_id_number": citizen.id_number,
        "requester_phone": "0912345678",
        **_address("requester_address"),
        "relationship": "Mẹ",
        "child_full_name": CHILD,
        "child_sex": "Nữ",
        "child_date_of_birth": "2025-06-01",
        "child_place_of_birth": "Trạm y tế xã",
        **_address("child_birthplace_address"),
        "child_ethnicity": "Ra Glai",
        "child_hometown": "Ninh Thuận",
        "mother_full_name": "Pinăng Thị Hoa",
        "mother_date_of_birth": "1998-03-04",
        "mother_ethnicity": "Raglai",
        "mother_nationality": "Việt Nam",
        "mother_id_number": "058198000123",
        **_address("mother_residence"),
        "paper_copies": "0",
        "pledge": "on",
    }
    return {**answers, **changes}


def _pdf_text(response) -> str:
    body = b"".join(response.streaming_content)
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def _draft(client, birth, citizen, **changes) -> Dossier:
    client.force_login(citizen)
    agency = birth.agencies.first()
    response = client.post(reverse("dossiers:start", args=[CODE]), {"agency": agency.pk})
    draft = Dossier.objects.get(applicant=citizen, procedure=birth)
    assert response.url == reverse("dossiers:draft_form", args=[draft.pk])
    response = client.post(response.url, _answers(citizen, **changes))
    assert response.status_code == 302, response.context["form"].errors
    return draft


def _papers(procedure):
    papers = list(procedure.required_documents.active())
    to_khai = next(p for p in papers if p.name.startswith("Tờ khai đăng ký khai sinh"))
    return to_khai, [p for p in papers if p.is_required and p.pk != to_khai.pk]


def _upload(client, draft, paper):
    photo = io.BytesIO(document_photo())
    photo.name = "giay-to.jpg"
    return client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]),
        {"document": paper.pk, "file": photo},
        HTTP_ACCEPT="application/json",
    )


def test_khai_sinh_online_asks_no_photo_of_the_to_khai_and_the_officer_opens_the_eform_pdf(
    client, birth, django_capture_on_commit_callbacks
):
    citizen = make_citizen()
    team = make_team(birth.agencies.first())
    to_khai, others = _papers(birth)
    assert to_khai.replaced_by_eform
    draft = _draft(client, birth, citizen)

    page = client.get(reverse("dossiers:draft_files", args=[draft.pk])).content.decode()
    assert f'id="giay-to-{to_khai.pk}"' not in page  # no upload block for the tờ khai
    assert "thay cho các giấy tờ sau, không cần chụp hay tải lên" in page
    assert all(f'id="giay-to-{p.pk}"' in page for p in others)
    refused = _upload(client, draft, to_khai)
    assert refused.status_code == 400
    assert "Vui lòng chọn tệp cho thành phần hồ sơ" in refused.json()["error"]
    for paper in others:
        assert _upload(client, draft, paper).status_code == 201

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("dossiers:draft_submit", args=[draft.pk]),
            {"idempotency_key": str(uuid.uuid4())},
        )
    dossier = Dossier.objects.get(pk=draft.pk)
    assert done.url == reverse("dossiers:submitted", args=[dossier.pk]), dossier.status
    assert dossier.form_data["child_ethnicity"] == "19"  # Ra Glai, the official code
    assert dossier.form_data["mother_ethnicity"] == "19"  # "Raglai" is another name of it
    assert dossier.form_data["mother_nationality"] == "VN"

    receipt = _pdf_text(client.get(reverse("dossiers:receipt", args=[dossier.pk])))
    assert "1. Tờ khai điện tử (đã điền trực tuyến)" in receipt
    assert "Tờ khai đăng ký khai sinh theo mẫu" not in receipt
    assert "Dân tộc: Ra Glai" in receipt

    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    eform = dossier.attachments.get(kind=AttachmentKind.EFORM)
    url = reverse("processing:attachment", args=[dossier.pk, eform.pk])
    assert url in page and "Tờ khai điện tử" in page
    text = _pdf_text(client.get(url))
    assert CHILD in text
    assert "Dân tộc: Ra Glai" in text and "Quốc tịch: Việt Nam" in text


def test_a_dossier_whose_eform_pdf_is_missing_gets_it_when_the_officer_opens_it(
    client, birth, django_capture_on_commit_callbacks
):
    citizen = make_citizen()
    team = make_team(birth.agencies.first())
    draft = _draft(client, birth, citizen, child_full_name="Ka Sô Liêng K'Bốp")
    for paper in _papers(birth)[1]:
        _upload(client, draft, paper)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("dossiers:draft_submit", args=[draft.pk]),
            {"idempotency_key": str(uuid.uuid4())},
        )
    dossier = Dossier.objects.get(pk=draft.pk)
    lost = dossier.attachments.get(kind=AttachmentKind.EFORM)
    lost.delete()  # as if the rendering had failed, or the dossier came before the e-form PDF

    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    again = dossier.attachments.get(kind=AttachmentKind.EFORM)
    url = reverse("processing:attachment", args=[dossier.pk, again.pk])
    assert url in page
    assert "Ka Sô Liêng K'Bốp" in _pdf_text(client.get(url))
    client.get(reverse("processing:dossier", args=[dossier.pk]))
    assert dossier.attachments.filter(kind=AttachmentKind.EFORM).count() == 1


def test_a_forged_ethnicity_code_is_refused_with_a_vietnamese_message(client, birth):
    citizen = make_citizen()
    client.force_login(citizen)
    client.post(reverse("dossiers:start", args=[CODE]), {"agency": birth.agencies.first().pk})
    draft = Dossier.objects.get(applicant=citizen, procedure=birth)
    for forged in ("99", "Khác", "<script>"):
        response = client.post(
            reverse("dossiers:draft_form", args=[draft.pk]),
            _answers(citizen, child_ethnicity=forged),
        )
        assert response.status_code == 200  # the form again, with the message; never a 500
        assert "không có trong danh mục 54 dân tộc Việt Nam" in response.content.decode()
        assert response.context["form"].errors["child_ethnicity"]
