"""Form downloads: streamed from storage with safe headers, only for the procedure's own forms."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from dichvucong.catalog.tests.factories import make_document, make_form_template, make_procedure
from dichvucong.catalog.views import download_filename

pytestmark = pytest.mark.django_db


@pytest.fixture
def form(media_storage):
    procedure = make_procedure(code="1.001193", name="Đăng ký khai sinh")
    content = b"%PDF-1.4\n" + bytes(range(256)) * 4
    template = make_form_template(
        name="Tờ khai đăng ký khai sinh", filename="tk.pdf", content=content
    )
    make_document(procedure, form_template=template)
    return procedure, template, content


def url(code, pk) -> str:
    return reverse("catalog:form_download", args=[code, pk])


def test_download_is_an_attachment_with_the_vietnamese_name(client, form):
    procedure, template, content = form
    response = client.get(url(procedure.code, template.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote('Tờ khai đăng ký khai sinh.pdf')}" in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_form_of_another_procedure_is_not_served(client, form):
    _, template, _ = form
    other = make_procedure()
    assert client.get(url(other.code, template.pk)).status_code == 404
    assert client.get(url("9.999999", template.pk)).status_code == 404
    assert client.get(f"/thu-tuc/1.001193%00/bieu-mau/{template.pk}/").status_code == 404


def test_unknown_or_huge_template_ids_give_404(client, form):
    procedure, template, _ = form
    assert client.get(url(procedure.code, template.pk + 1000)).status_code == 404
    response = client.get(f"/thu-tuc/{procedure.code}/bieu-mau/{'9' * 30}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_missing_file_gives_404_not_500(client, form, media_storage):
    procedure, template, _ = form
    (media_storage / template.file.name).unlink()
    assert client.get(url(procedure.code, template.pk)).status_code == 404


def test_inactive_procedures_do_not_serve_forms(client, form):
    procedure, template, _ = form
    procedure.is_active = False
    procedure.save()
    assert client.get(url(procedure.code, template.pk)).status_code == 404


@pytest.mark.parametrize(
    ("title", "stored", "expected"),
    [
        (
            "Tờ khai đăng ký khai sinh",
            "catalog/forms/2026/tk.DOCX",
            "Tờ khai đăng ký khai sinh.docx",
        ),
        ('Mẫu 01/TK "A"', "a.pdf", "Mẫu 01 TK A.pdf"),
        ("../../etc/passwd", "x.pdf", "etc passwd.pdf"),
        ("", "x", "bieu-mau"),
    ],
)
def test_download_names_are_safe(title, stored, expected):
    assert download_filename(title, stored) == expected
