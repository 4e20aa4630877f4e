"""From an online submission on a phone to the result handed back, through the real pages.

The citizen submits at 390 px with photos of their papers and gets a code; the counter officer
finds the dossier in the inbox by the citizen's name (typed with and without tone marks, the
search text the one opening service writes), receives it and hands it to the specialist, who
uploads the result and submits it for approval; the leader approves; the counter returns it;
the citizen sees it returned.
"""

import re

import pytest
from playwright.sync_api import expect

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_document, make_procedure
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import document_photo, small_pdf
from dichvucong.processing.tests.factories import make_team
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Trần Thị Ngọc Ánh"
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
    {"name": "pledge", "label": "Tôi cam đoan", "type": "checkbox", "required": True},
]


def _photo(name: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": document_photo(size=(800, 1000))}


def _act(page, action: str) -> None:
    page.locator(f'form[data-action="{action}"]').get_by_role("button").click()
    expect(page.locator(".message--success")).to_be_visible()


def _switch(page, login_browser, user) -> None:
    page.context.clear_cookies()
    login_browser(page, user)


def _search_inbox(page, base: str, text: str):
    page.goto(f"{base}/can-bo/")
    box = page.get_by_label("Mã hồ sơ hoặc tên người nộp")
    if not box.is_visible():
        page.get_by_text("Lọc và tìm kiếm").click()  # the filters fold away until used
    page.get_by_label("Mã hồ sơ hoặc tên người nộp").fill(text)
    page.get_by_role("button", name="Lọc").click()
    return page.locator("table")


def test_online_dossier_found_by_name_processed_and_returned(
    phone_page, page, live_server, login_browser, artifacts_dir
):
    team = make_team()
    citizen = make_citizen(full_name=NAME, id_number="001190067890")
    procedure = make_procedure(
        name="Chứng thực bản sao từ bản chính",
        form_schema=SCHEMA,
        agencies=[team["agency"]],
    )
    front = make_document(procedure, order=1, name="Mặt trước Căn cước công dân")
    back = make_document(procedure, order=2, name="Mặt sau Căn cước công dân")
    base = live_server.url

    # The citizen, on a phone: form, two photos, review, submit; the code comes back.
    citizen_page = phone_page
    login_browser(citizen_page, citizen)
    citizen_page.goto(f"{base}/nop-ho-so/{procedure.code}/")
    assert_accessible(citizen_page, "start")
    citizen_page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    expect(citizen_page.get_by_label("Họ, chữ đệm, tên người yêu cầu")).to_have_value(NAME)
    assert_accessible(citizen_page, "form")
    citizen_page.get_by_label("Tôi cam đoan").check()
    citizen_page.get_by_role("button", name="Lưu và tiếp tục").click()
    expect(citizen_page.get_by_role("heading", name="Giấy tờ đính kèm", exact=True)).to_be_visible()
    citizen_page.locator(f"#file-{front.pk}").set_input_files(_photo("cccd-truoc.jpg"))
    citizen_page.locator(f"#file-{back.pk}").set_input_files(_photo("cccd-sau.jpg"))
    expect(citizen_page.locator(f"#giay-to-{front.pk} .attachment__preview")).to_be_visible()
    expect(citizen_page.locator(f"#giay-to-{back.pk} .attachment__preview")).to_be_visible()
    assert citizen_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(citizen_page, "files")
    citizen_page.get_by_role("link", name="Xem lại hồ sơ").click()
    assert_accessible(citizen_page, "review")
    citizen_page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen_page.get_by_role("heading", name="Nộp thành công")).to_be_visible()
    code = citizen_page.locator("#dossier-code").inner_text().strip()
    assert re.fullmatch(re.escape(team["agency"].code) + r"-\d{6}-\d{4}", code)
    assert citizen_page.evaluate("document.documentElement.scrollWidth") <= 390
    citizen_page.screenshot(path=str(artifacts_dir / "journey-submitted-390px.png"), full_page=True)
    assert_accessible(citizen_page, "submitted")
    dossier = Dossier.objects.get(code=code)
    assert dossier.attachments.filter(kind=AttachmentKind.APPLICATION).count() == 2

    # The counter officer finds it by the citizen's name, with and without tone marks.
    login_browser(page, team["counter"])
    for typed in (NAME, "tran thi ngoc anh", "Ngọc Ánh"):
        expect(_search_inbox(page, base, typed).get_by_role("link", name=code)).to_be_visible()
    expect(
        _search_inbox(page, base, "Nguyễn Văn Khác").get_by_role("link", name=code)
    ).to_have_count(0)
    assert_accessible(page, "inbox-search")
    _search_inbox(page, base, "tran thi ngoc anh").get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)
    assert_accessible(page, "officer-dossier-new")
    _act(page, "receive")
    expect(page.locator("[data-status]")).to_have_text("Được tiếp nhận")
    _act(page, "start_processing")  # to the agency's one specialist
    expect(page.locator("[data-status]")).to_have_text("Đang xử lý")
    url = page.url

    # The specialist uploads the result; the leader approves it.
    _switch(page, login_browser, team["specialist"])
    page.goto(url)
    assert_accessible(page, "specialist-dossier")
    page.set_input_files(
        "#result-file",
        files=[
            {"name": "ban-sao-chung-thuc.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
        ],
    )
    page.get_by_role("button", name="Tải lên kết quả").click()
    expect(page.locator(".message--success")).to_be_visible()
    _act(page, "submit_for_approval")  # "Trình phê duyệt": the leader approves only after it
    _switch(page, login_browser, team["leader"])
    page.goto(url)
    assert_accessible(page, "leader-dossier")
    _act(page, "approve")
    expect(page.locator("[data-status]")).to_have_text("Đã xử lý xong")

    # The counter hands it over.
    _switch(page, login_browser, team["counter"])
    page.goto(url)
    _act(page, "return_result")
    expect(page.locator("[data-status]")).to_have_text("Đã trả kết quả")
    assert_accessible(page, "officer-dossier-returned")

    # The citizen, back on the phone, sees it returned with the result.
    citizen_page.goto(f"{base}/ho-so-cua-toi/{code}/")
    main = citizen_page.locator("main")
    expect(main).to_contain_text("Đã trả kết quả")
    expect(main).to_contain_text("ban-sao-chung-thuc.pdf")
    assert citizen_page.evaluate("document.documentElement.scrollWidth") <= 390
    citizen_page.screenshot(path=str(artifacts_dir / "journey-returned-390px.png"), full_page=True)
    assert_accessible(citizen_page, "my-dossier-returned")
    assert Dossier.objects.get(pk=dossier.pk).status == S.RETURNED
