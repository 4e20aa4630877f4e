"""A parent files a birth online in real Chromium: the e-form stands in for the paper tờ khai,
and the child's ethnic group (K'Ho) is found in the list of the 54 groups while typing."""

import pytest
from playwright.sync_api import expect

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import RequiredDocument
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.dossiers.tests.helpers import document_photo
from tests.e2e.a11y import assert_accessible

SCHEMA = [
    {
        "name": "child_full_name",
        "label": "Họ, chữ đệm, tên của trẻ",
        "type": "text",
        "required": True,
        "section": "Người được khai sinh",
    },
    {
        "name": "child_ethnicity",
        "label": "Dân tộc",
        "type": "ethnicity",
        "required": True,
        "section": "Người được khai sinh",
    },
    {
        "name": "mother_nationality",
        "label": "Quốc tịch của mẹ",
        "type": "nationality",
        "required": True,
        "section": "Thông tin người mẹ",
    },
]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_kho_child_is_registered_online_without_a_photo_of_the_to_khai(
    page, live_server, login_browser
):
    citizen = make_citizen(full_name="Ka Thị Mai", id_number="068190054321")
    procedure = make_procedure(
        code="1.001193",
        name="Thủ tục đăng ký khai sinh",
        form_schema=SCHEMA,
        agencies=[make_agency(name="Ủy ban nhân dân xã Lạc Dương", code="000.11.00.X61")],
    )
    to_khai = RequiredDocument.objects.create(
        procedure=procedure, order=1, name="Tờ khai đăng ký khai sinh", replaced_by_eform=True
    )
    birth_paper = RequiredDocument.objects.create(
        procedure=procedure, order=2, name="Giấy chứng sinh"
    )
    login_browser(page, citizen)

    page.goto(f"{live_server.url}/nop-ho-so/{procedure.code}/")
    page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    page.get_by_label("Họ, chữ đệm, tên của trẻ").fill("Ka Hồng Ánh")
    ethnicity = page.get_by_label("Dân tộc")
    expect(page.locator(f"#{ethnicity.get_attribute('list')} option")).to_have_count(54)
    ethnicity.fill("Khác")  # the old "other" choice is not a group: refused with a message
    page.get_by_label("Quốc tịch của mẹ").fill("Việt Nam")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    expect(page.locator("#id_child_ethnicity_error")).to_contain_text(
        "không có trong danh mục 54 dân tộc Việt Nam"
    )
    assert_accessible(page, "eform-form-refused-ethnicity")
    page.get_by_label("Dân tộc").fill("K'Ho")
    page.get_by_role("button", name="Lưu và tiếp tục").click()

    expect(page.get_by_role("heading", name="Giấy tờ đính kèm", exact=True)).to_be_visible()
    expect(page.locator(f"#giay-to-{to_khai.pk}")).to_have_count(0)
    expect(page.locator("[data-filled-online]")).to_contain_text("Tờ khai đăng ký khai sinh")
    assert_accessible(page, "eform-files-step")
    page.locator(f"#file-{birth_paper.pk}").set_input_files(
        {"name": "chung-sinh.jpg", "mimeType": "image/jpeg", "buffer": document_photo()}
    )
    expect(page.locator(f"#giay-to-{birth_paper.pk} .attachment__preview")).to_be_visible()

    page.get_by_role("link", name="Xem lại hồ sơ").click()
    expect(page.get_by_text("Cơ Ho", exact=True)).to_be_visible()  # K'Ho is the Cơ Ho group
    assert_accessible(page, "eform-review")
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", name="Nộp thành công")).to_be_visible()
    dossier = Dossier.objects.get(code=page.locator("#dossier-code").inner_text().strip())
    assert dossier.form_data["child_ethnicity"] == "15"
    assert dossier.attachments.filter(kind=AttachmentKind.EFORM).count() == 1
