"""The citizen's store in Chromium at 390 px: a signed result is in "Kho dữ liệu của tôi", its
download checks as valid on /xac-thuc/, and a stored paper goes into a new dossier in one click."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, StoredPaper
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import ANSWERS, document_photo, procedure_with_documents
from dichvucong.dossiers.tests.helpers import upload as make_upload
from dichvucong.esign.tests.helpers import use_demo_signer
from dichvucong.processing.tests.factories import walk_to
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def test_signed_result_downloaded_from_the_store_verifies_and_a_paper_is_reused(
    phone_page, live_server, login_browser, settings, tmp_path, media
):
    use_demo_signer(settings, tmp_path / "demo-ca")
    page = phone_page
    citizen = make_citizen(full_name="Trần Thị Mai", id_number="001090012345")
    procedure, paper_kind, _optional = procedure_with_documents()
    dossier = dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        files=[(paper_kind, make_upload("to-khai.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )
    walk_to(dossier, S.DONE)  # received (papers kept), result signed by the demo signer
    code = f"{Dossier.objects.get(pk=dossier.pk).code}-KQ1"

    login_browser(page, citizen)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Kho dữ liệu của tôi").first.click()
    expect(page.get_by_role("heading", name="Kho dữ liệu của tôi")).to_be_visible()
    result = page.locator(".store-paper", has_text=code)
    expect(result).to_contain_text("Kết quả giải quyết")
    expect(result).to_contain_text("Chữ ký số hợp lệ")
    expect(page.locator(".store-paper", has_text="Tờ khai theo mẫu")).to_be_visible()
    assert_accessible(page, "store-list")
    with page.expect_download() as download:
        result.get_by_role("link", name=re.compile("^Tải về")).click()
    signed = tmp_path / "ket-qua.pdf"
    download.value.save_as(signed)

    page.goto(f"{live_server.url}/xac-thuc/")
    page.get_by_label("Hoặc tải lên tệp PDF đã ký").set_input_files(str(signed))
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator("#verify-verdict")).to_contain_text("Chữ ký số hợp lệ")
    expect(page.locator("#verify-stored")).to_contain_text("Trùng khớp")
    assert_accessible(page, "verify-downloaded-result")

    # A new dossier of the same procedure: the paper comes from the store in one click.
    page.goto(f"{live_server.url}/nop-ho-so/{procedure.code}/")
    page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    page.get_by_label("Số bản sao").fill("2")
    page.get_by_label("Mục đích").select_option("Du học")
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    block = page.locator(f"#giay-to-{paper_kind.pk}")
    expect(block.get_by_text("phù hợp")).to_be_visible()  # opened: a paper of this kind
    assert_accessible(page, "files-step-with-store")
    block.get_by_role("button", name="Dùng giấy tờ này: “Tờ khai theo mẫu” cho giấy tờ 1").click()
    expect(page.get_by_text("Đã lấy “Tờ khai theo mẫu” từ kho.")).to_be_visible()
    expect(page.locator(f"#giay-to-{paper_kind.pk} .attachment .tag")).to_have_text("Lấy từ kho")
    assert_accessible(page, "files-step-reused")
    page.get_by_role("link", name="Xem lại hồ sơ").click()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", name="Nộp thành công")).to_be_visible()

    new = Dossier.objects.exclude(pk=dossier.pk).get(applicant=citizen)
    reused = new.attachments.get(kind=AttachmentKind.APPLICATION)
    stored = StoredPaper.objects.get(owner=citizen, name="Tờ khai theo mẫu")
    original = Attachment.objects.get(dossier=dossier, kind=AttachmentKind.APPLICATION)
    assert reused.is_reused and reused.stored_paper == stored
    assert reused.file.name == stored.file.name == original.file.name  # no second copy
