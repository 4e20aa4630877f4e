"""A citizen finds a procedure without typing tone marks and downloads its form, on a phone."""

import pytest

from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import (
    make_agency,
    make_document,
    make_fee,
    make_field,
    make_form_template,
    make_procedure,
)
from dichvucong.core.pdf import new_pdf, paragraph, render, title_block
from tests.e2e.a11y import assert_accessible


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


def birth_registration() -> tuple[str, bytes]:
    """Create "Đăng ký khai sinh" with a generated PDF form; return its code and the form."""
    ho_tich = make_field(code="ho-tich", name="Hộ tịch")
    agency = make_agency(name="Ủy ban nhân dân xã An Hòa")
    procedure = make_procedure(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=ho_tich,
        agencies=[agency],
        online_level=OnlineLevel.FULL,
        popularity=500,
        steps="Nộp tờ khai và giấy chứng sinh.",
    )
    make_procedure(name="Đăng ký kết hôn", field=ho_tich, popularity=300)
    pdf = new_pdf(title="Tờ khai đăng ký khai sinh")
    title_block(pdf, "Tờ khai đăng ký khai sinh")
    paragraph(pdf, "Họ, chữ đệm, tên người được đăng ký khai sinh: ……………")
    content = render(pdf)
    template = make_form_template(
        name="Tờ khai đăng ký khai sinh", filename="tk-khai-sinh.pdf", content=content
    )
    make_document(procedure, name="Tờ khai đăng ký khai sinh theo mẫu", form_template=template)
    make_document(procedure, name="Giấy chứng sinh", copies=1)
    make_fee(procedure, name="Lệ phí đăng ký khai sinh", amount=8000)
    return procedure.code, content


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_citizen_finds_birth_registration_and_downloads_its_form(
    live_server, phone_page, artifacts_dir, media, tmp_path
):
    code, form_bytes = birth_registration()
    page = phone_page
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").first.inner_text().startswith("Tra cứu")
    assert_accessible(page, "home")

    page.get_by_role("searchbox").first.fill("dang ky khai sinh")
    page.get_by_role("button", name="Tìm kiếm").first.click()
    page.wait_for_url("**/thu-tuc/?q=dang+ky+khai+sinh")
    assert "Tìm thấy 1 thủ tục" in page.get_by_role("status").inner_text()
    assert_accessible(page, "search-results")

    page.get_by_role("link", name="Đăng ký khai sinh").click()
    page.wait_for_url(f"**/thu-tuc/{code}/")
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"
    assert "8.000 đồng" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page, "procedure")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải về: Tờ khai đăng ký khai sinh").click()
    download = info.value
    assert download.suggested_filename == "Tờ khai đăng ký khai sinh.pdf"
    saved = tmp_path / "download.pdf"
    download.save_as(saved)
    assert saved.stat().st_size == len(form_bytes)
    assert saved.read_bytes()[:5] == b"%PDF-"

    page.screenshot(path=str(artifacts_dir / "catalog-procedure-390px.png"), full_page=True)
    assert (artifacts_dir / "catalog-procedure-390px.png").stat().st_size > 10_000
