"""Partly online (một phần, old "mức độ 3"), end to end through the real pages.

The citizen submits at 390 px with photos of their papers and gets a code; the success page,
their dossier page and the submission SMS say which originals to bring, where and when. On a
desktop the counter officer finds the dossier in the inbox by the citizen's name (typed with
and without tone marks), receives it and hands it to the specialist, who uploads the result and
submits it for approval ("Trình phê duyệt"); the leader returns it for rework once, then
approves the second submission; control sheet 06 lists those steps. The citizen comes to the
counter: the officer compares the originals, collects the fee in cash and returns the result;
the citizen sees "Đã trả kết quả".
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import make_agency, make_document, make_procedure
from dichvucong.core.text import fold
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import document_photo, small_pdf
from dichvucong.processing.tests.factories import make_team
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Trần Thị Ngọc Ánh"
ADDRESS = "Số 24 Nguyễn Tất Thành, phường Phan Thiết"
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


def _act(page, action: str, note: str = "") -> None:
    form = page.locator(f'form[data-action="{action}"]')
    if note:
        form.locator('[name="note"]').fill(note)
    form.get_by_role("button").click()
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


def _from_queue(page, base: str, tab: str, code: str) -> None:
    """Open the inbox, check it lands on the officer's own queue, open the dossier from it."""
    page.goto(f"{base}/can-bo/")
    expect(page.locator(f'[data-tab="{tab}"][aria-current="page"]')).to_be_visible()
    page.locator("table").get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)


def _pdf_text(page, url: str) -> str:
    response = page.request.get(url)
    assert response.ok, url
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def test_partly_online_dossier_visits_the_counter_with_its_originals_and_is_returned(
    phone_page, page, live_server, login_browser, settings
):
    settings.DEMO_MODE = True  # the demo SMS outbox at /dev/sms/
    agency = make_agency(
        name="Trung tâm Phục vụ hành chính công tỉnh", address=ADDRESS, phone="0252 3822 222"
    )
    team = make_team(agency)
    citizen = make_citizen(full_name=NAME, id_number="001190067890", phone="+84912000444")
    procedure = make_procedure(
        name="Chứng thực bản sao từ bản chính",
        form_schema=SCHEMA,
        agencies=[agency],
        online_level=OnlineLevel.PARTIAL,
        fees=[10000],
    )
    front = make_document(procedure, order=1, name="Căn cước công dân", originals=1)
    back = make_document(procedure, order=2, name="Giấy khai sinh", originals=2)
    base = live_server.url

    # The citizen, on a phone: form, two photos, review, submit; the code comes back.
    citizen_page = phone_page
    login_browser(citizen_page, citizen)
    # From the main menu's "Nộp hồ sơ": a picker of online procedures, searched without tones.
    citizen_page.goto(f"{base}/")
    citizen_page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Nộp hồ sơ"
    ).click()
    citizen_page.get_by_label("Tìm thủ tục hành chính").fill("chung thuc ban sao")
    citizen_page.get_by_role("button", name="Tìm kiếm").click()
    found = citizen_page.locator(f'[data-procedure="{procedure.code}"]')
    assert_accessible(citizen_page, "00-pick-procedure")
    found.get_by_role("link", name="Nộp hồ sơ").click()
    assert_accessible(citizen_page, "01-procedure-start")
    citizen_page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    expect(citizen_page.get_by_label("Họ, chữ đệm, tên người yêu cầu")).to_have_value(NAME)
    assert_accessible(citizen_page, "02-form")
    citizen_page.get_by_label("Tôi cam đoan").check()
    citizen_page.get_by_role("button", name="Lưu và tiếp tục").click()
    expect(citizen_page.get_by_role("heading", name="Giấy tờ đính kèm", exact=True)).to_be_visible()
    citizen_page.locator(f"#file-{front.pk}").set_input_files(_photo("cccd.jpg"))
    citizen_page.locator(f"#file-{back.pk}").set_input_files(_photo("khai-sinh.jpg"))
    expect(citizen_page.locator(f"#giay-to-{front.pk} .attachment__preview")).to_be_visible()
    expect(citizen_page.locator(f"#giay-to-{back.pk} .attachment__preview")).to_be_visible()
    assert_accessible(citizen_page, "03-attachments")
    citizen_page.get_by_role("link", name="Xem lại hồ sơ").click()
    assert_accessible(citizen_page, "04-review")
    citizen_page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen_page.get_by_role("heading", name="Nộp thành công")).to_be_visible()
    code = citizen_page.locator("#dossier-code").inner_text().strip()
    assert re.fullmatch(re.escape(agency.code) + r"-\d{6}-\d{4}", code)
    assert_accessible(citizen_page, "05-submitted")
    dossier = Dossier.objects.get(code=code)
    assert dossier.attachments.filter(kind=AttachmentKind.APPLICATION).count() == 2

    # What to bring, where and when: on the success page, the dossier page and the SMS.
    def check_visit(where) -> str:
        visit = where.locator("#counter-visit")
        expect(visit.locator("[data-counter-papers] li")).to_have_text(
            ["Căn cước công dân (1 bản chính)", "Giấy khai sinh (2 bản chính)"]
        )
        expect(visit).to_contain_text(ADDRESS)
        expect(visit).to_contain_text("0252 3822 222")
        expect(visit).to_contain_text("07:00–11:30, 13:30–17:00")
        return visit.locator("tr", has_text="Thời gian").locator("td").inner_text()

    when = check_visit(citizen_page)
    citizen_page.goto(f"{base}/ho-so-cua-toi/{code}/")
    assert check_visit(citizen_page) == when
    assert_accessible(citizen_page, "06-my-dossier")
    citizen_page.goto(f"{base}/dev/sms/")
    assert_accessible(citizen_page, "07-sms-outbox")
    # What the phone receives (folded, in the parts the message may take), not only the log.
    sms = citizen_page.locator("tr", has_text="+84912000444").locator(".sms-sent").first
    expect(sms).to_contain_text(code)
    for expected in (
        "mang ban goc Can cuoc cong dan (1 ban chinh), Giay khai sinh (2 ban chinh)",
        fold(ADDRESS),
        fold(when),
        "07:00-11:30, 13:30-17:00",
    ):
        expect(sms).to_contain_text(expected)
    assert not sms.inner_text().endswith("...")

    # The counter officer, on a desktop, finds it by name with and without tone marks.
    login_browser(page, team["counter"])
    for typed in (NAME, "tran thi ngoc anh", "Ngọc Ánh"):
        expect(_search_inbox(page, base, typed).get_by_role("link", name=code)).to_be_visible()
    expect(
        _search_inbox(page, base, "Nguyễn Văn Khác").get_by_role("link", name=code)
    ).to_have_count(0)
    assert_accessible(page, "08-inbox-search")
    _search_inbox(page, base, "tran thi ngoc anh").get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(code)
    assert_accessible(page, "09-officer-dossier-new")
    _act(page, "receive")
    expect(page.locator("[data-status]")).to_have_text("Được tiếp nhận")
    _act(page, "start_processing")  # to the agency's one specialist
    expect(page.locator("[data-status]")).to_have_text("Đang xử lý")
    url = page.url

    # The specialist uploads the result and submits it; the leader sends it back once.
    _switch(page, login_browser, team["specialist"])
    _from_queue(page, base, "duoc-giao", code)  # "Được giao cho tôi"
    assert_accessible(page, "10-specialist")
    page.set_input_files(
        "#result-file",
        files=[{"name": "ban-sao.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}],
    )
    page.get_by_role("button", name="Tải lên kết quả").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator('form[data-action="approve"]')).to_have_count(0)
    _act(page, "submit_for_approval")  # "Trình phê duyệt"
    _switch(page, login_browser, team["leader"])
    _from_queue(page, base, "cho-phe-duyet", code)  # "Chờ phê duyệt"
    expect(page.locator("[data-awaiting-approval]")).to_be_visible()
    assert_accessible(page, "11-leader-awaiting")
    _act(page, "return_for_rework", note="Thiếu dấu giáp lai trên bản sao")
    expect(page.locator("[data-awaiting-approval]")).to_have_count(0)
    expect(page.locator('form[data-action="approve"]')).to_have_count(0)

    _switch(page, login_browser, team["specialist"])
    page.goto(url)
    expect(page.locator(".timeline")).to_contain_text("Thiếu dấu giáp lai trên bản sao")
    _act(page, "submit_for_approval", note="Đã đóng dấu giáp lai")
    _switch(page, login_browser, team["leader"])
    page.goto(url)
    _act(page, "approve")
    expect(page.locator("[data-status]")).to_have_text("Đã xử lý xong")

    # Control sheet 06, issued at approval, lists the approval steps with their officers.
    slip = page.locator("a", has_text=re.compile(r"^06-phieu-kiem-soat-.*-\d+\.pdf$"))
    control = _pdf_text(page, base + slip.last.get_attribute("href"))
    assert control.count("Trình phê duyệt") == 2
    assert "Trả lại để xử lý lại" in control
    assert "Thiếu dấu giáp lai" in control
    assert team["leader"].full_name in control

    # At the counter: the originals compared, the fee collected in cash, the result handed over.
    _switch(page, login_browser, team["counter"])
    page.goto(url)
    assert_accessible(page, "12-counter-before-return")
    page.locator('form[data-action="return_result"]').get_by_role("button").click()
    expect(page.get_by_text("Cần đối chiếu bản gốc trước khi trả kết quả.")).to_be_visible()
    assert_accessible(page, "13-return-refused")
    page.goto(url)
    page.get_by_role("button", name="Xác nhận đã đối chiếu bản gốc").click()
    expect(page.locator(".message--success")).to_be_visible()
    page.locator('form[data-action="return_result"]').get_by_role("button").click()
    expect(page.get_by_text("Cần thu đủ phí, lệ phí trước khi trả kết quả.")).to_be_visible()
    page.goto(url)
    page.get_by_label("Số tiền (đồng)").fill("10000")
    page.get_by_label("Số biên lai").fill("BL-000123")
    page.get_by_role("button", name="Ghi nhận thu phí tại quầy").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator("[data-fee-state]")).to_contain_text("Đã nộp 10.000 đ")
    _act(page, "return_result")
    expect(page.locator("[data-status]")).to_have_text("Đã trả kết quả")
    assert_accessible(page, "14-returned")

    # The citizen, back on the phone, sees it returned with the result; no visit asked anymore.
    citizen_page.goto(f"{base}/ho-so-cua-toi/{code}/")
    main = citizen_page.locator("main")
    expect(main).to_contain_text("Đã trả kết quả")
    expect(main).to_contain_text("ban-sao.pdf")
    expect(citizen_page.locator("#counter-visit")).to_have_count(0)
    assert_accessible(citizen_page, "15-citizen-returned")
    assert Dossier.objects.get(pk=dossier.pk).status == S.RETURNED
