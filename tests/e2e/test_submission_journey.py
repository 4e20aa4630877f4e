"""A citizen submits a dossier online in real Chromium, fixing an unclear photo on the way."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import RequiredDocument
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.dossiers.tests.helpers import document_photo
from tests.e2e.a11y import assert_accessible

SCHEMA = [
    {
        "name": "requester_full_name",
        "label": "Họ, chữ đệm, tên người yêu cầu",
        "type": "text",
        "required": True,
        "prefill": "full_name",
        "section": "Người yêu cầu",
    },
    {
        "name": "requester_id_number",
        "label": "Số định danh cá nhân",
        "type": "id_number",
        "required": True,
        "prefill": "id_number",
        "section": "Người yêu cầu",
    },
    {
        "name": "requester_address",
        "label": "Nơi cư trú",
        "type": "address",
        "required": True,
        "section": "Người yêu cầu",
    },
    {
        "name": "certificate_type",
        "label": "Loại phiếu yêu cầu cấp",
        "type": "choice",
        "choices": ["Phiếu lý lịch tư pháp số 1", "Phiếu lý lịch tư pháp số 2"],
        "required": True,
        "section": "Nội dung yêu cầu",
    },
    {
        "name": "copies",
        "label": "Số lượng phiếu yêu cầu cấp",
        "type": "number",
        "min": 1,
        "required": True,
        "section": "Nội dung yêu cầu",
    },
    {
        "name": "pledge",
        "label": "Tôi cam đoan",
        "type": "checkbox",
        "required": True,
        "section": "Cam đoan",
    },
]


def _photo(name: str, *, blurred: bool = False) -> dict:
    return {
        "name": name,
        "mimeType": "image/jpeg",
        "buffer": document_photo(blurred=blurred, size=(800, 1000)),
    }


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_citizen_submits_online_replaces_a_blurred_photo_and_downloads_the_receipt(
    page, live_server, login_browser, artifacts_dir
):
    citizen = make_citizen(full_name="Lê Thị Hoa", id_number="001190054321")
    procedure = make_procedure(
        code="3.000333",
        name="Cấp Phiếu lý lịch tư pháp",
        form_schema=SCHEMA,
        agencies=[make_agency(name="Sở Tư pháp", code="000.00.12.H56")],
    )
    id_card = RequiredDocument.objects.create(
        procedure=procedure, order=1, name="Bản chụp Căn cước công dân"
    )
    residence = RequiredDocument.objects.create(
        procedure=procedure, order=2, name="Giấy xác nhận thông tin cư trú"
    )
    login_browser(page, citizen)

    page.goto(f"{live_server.url}/nop-ho-so/{procedure.code}/")
    assert_accessible(page, "start")
    page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    expect(page.get_by_label("Họ, chữ đệm, tên người yêu cầu")).to_have_value("Lê Thị Hoa")
    assert_accessible(page, "form")
    page.get_by_label("Nơi cư trú: tỉnh/thành phố").select_option(label="Thành phố Hà Nội")
    commune = page.get_by_label("Nơi cư trú: xã/phường")
    expect(commune.locator("option", has_text="Phường Hoàn Kiếm")).to_have_count(1)
    commune.select_option(label="Phường Hoàn Kiếm")
    page.get_by_label("Nơi cư trú: số nhà, đường, thôn/xóm").fill("Số 5 phố Tràng Tiền")
    page.get_by_label("Loại phiếu yêu cầu cấp").select_option("Phiếu lý lịch tư pháp số 1")
    page.get_by_label("Số lượng phiếu yêu cầu cấp").fill("2")
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    expect(page.get_by_role("heading", name="Giấy tờ đính kèm", exact=True)).to_be_visible()
    page.locator(f"#file-{id_card.pk}").set_input_files(_photo("cccd.jpg"))
    page.locator(f"#file-{residence.pk}").set_input_files(_photo("cu-tru.jpg", blurred=True))
    blurred_block = page.locator(f"#giay-to-{residence.pk}")
    expect(blurred_block.get_by_text("Ảnh chưa rõ nét, vui lòng chụp lại")).to_be_visible()
    expect(page.locator(f"#giay-to-{id_card.pk} .attachment__preview")).to_be_visible()
    assert_accessible(page, "files-with-blurred-warning")
    page.screenshot(path=str(artifacts_dir / "submission-blurred-warning.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.screenshot(path=str(artifacts_dir / "submission-files-390px.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    blurred_block.locator(".js-replace").set_input_files(_photo("cu-tru-ro.jpg"))
    expect(blurred_block.get_by_role("link", name="cu-tru-ro.jpg")).to_be_visible()
    expect(blurred_block.get_by_text("Ảnh chưa rõ nét, vui lòng chụp lại")).to_have_count(0)

    page.get_by_role("link", name="Xem lại hồ sơ").click()
    expect(page.get_by_text("Số 5 phố Tràng Tiền, Phường Hoàn Kiếm")).to_be_visible()
    assert_accessible(page, "review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", name="Nộp thành công")).to_be_visible()
    assert_accessible(page, "submitted")
    code = page.locator("#dossier-code").inner_text().strip()
    assert re.fullmatch(r"000\.00\.12\.H56-\d{6}-0001", code)
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == DossierStatus.NEW
    assert dossier.attachments.filter(kind="application").count() == 2

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Tải Giấy tiếp nhận")).click()
    pdf_bytes = Path(download_info.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_bytes)).pages)
    assert code in text
    assert "Lê Thị Hoa" in text
