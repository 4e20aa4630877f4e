"""The phone-layout defects of issue 17, measured in Chromium at 390 px."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import (
    make_agency,
    make_document,
    make_field,
    make_procedure,
)
from dichvucong.processing.tests.factories import make_dossier, make_team
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = (
    "Trường hợp không có giấy chứng sinh thì nộp văn bản xác nhận của người làm chứng; "
    "nếu không có người làm chứng thì nộp giấy cam đoan về việc sinh là có thật."
)

PAPER = (
    "Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp hoặc văn bản của người làm chứng "
    "xác nhận về việc sinh"
)
_BOX = "el => { const r = el.getBoundingClientRect(); return {w: r.width, h: r.height, top: r.top}}"
_LINE = "el => parseFloat(getComputedStyle(el).lineHeight)"
_WIDEST = """() => Math.max(...[...document.querySelectorAll('body *')]
  .map(el => el.getBoundingClientRect().right))"""


def _one_line(locator) -> bool:
    return locator.evaluate(_BOX)["h"] < 1.5 * locator.evaluate(_LINE)


def test_a_papers_note_leaves_its_name_the_width_of_the_card(phone_page, live_server):
    procedure = make_procedure(code="1.001193", name="Đăng ký khai sinh")
    make_document(procedure, name=PAPER, note=NOTE)
    phone_page.goto(f"{live_server.url}/thu-tuc/1.001193/")
    cell = phone_page.locator(".doc-table td", has_text="Giấy chứng sinh").first
    # The name is long enough to wrap at any width: its box is as wide as its column.
    name = cell.locator(".prose", has_text="Giấy chứng sinh")
    row = cell.locator("xpath=..")
    assert name.evaluate(_BOX)["w"] >= 0.8 * row.evaluate(_BOX)["w"]
    assert_accessible(phone_page, "procedure-papers")


def test_after_a_search_the_filters_fold_away_and_results_open_the_screen(phone_page, live_server):
    field = make_field(code="ho-tich", name="Hộ tịch")
    for number in range(3):
        make_procedure(name=f"Đăng ký khai sinh lần {number}", field=field)
    page = phone_page
    page.goto(f"{live_server.url}/thu-tuc/")
    page.get_by_role("searchbox").fill("khai sinh")
    page.locator("summary", has_text="Bộ lọc").click()
    page.get_by_label("Lĩnh vực").select_option(label="Hộ tịch")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"field=ho-tich"))
    expect(page.get_by_role("status")).to_contain_text("Tìm thấy 3 thủ tục")
    assert not page.locator("details.filter-panel").evaluate("el => el.open")
    expect(page.locator("details.filter-panel summary")).to_contain_text("1 đang áp dụng")
    first = page.locator(".result-item").first.evaluate(_BOX)
    assert first["top"] + first["h"] <= page.viewport_size["height"]
    assert_accessible(page, "catalog-filtered")


def _captcha(page) -> str:
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    return Session.objects.get(session_key=cookie["value"]).get_decoded()["captcha_answer"]


def test_the_signature_challenge_fits_the_phone(phone_page, live_server):
    page = phone_page
    page.goto(f"{live_server.url}/dang-ky/")
    page.get_by_label("Công dân").check()
    page.get_by_label("USB ký số").check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Họ và tên").fill("Nguyễn Văn Ký")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("060190001234")
    page.get_by_label("Ngày sinh").fill("1990-01-02")
    page.get_by_label("Số điện thoại di động").fill("0912000444")
    page.get_by_label("Mã xác thực").fill(_captcha(page))
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_text("Mã OTP gồm 6 chữ số đã được gửi").wait_for()
    outbox = page.context.new_page()
    outbox.goto(f"{live_server.url}/dev/sms/")
    text = outbox.locator("tr", has_text="+84912000444").first.locator(".sms-text").inner_text()
    outbox.close()
    page.get_by_label("Mã OTP").fill(re.search(r"\b(\d{6})\b", text).group(1))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", name="Xác minh bằng chữ ký số")).to_be_visible()
    challenge = page.locator("#challenge")
    expect(challenge).not_to_be_empty()
    assert page.evaluate(_WIDEST) <= 390
    # A challenge is random: one with no hyphen (nowhere to break a line) fits as well.
    challenge.evaluate("el => { el.textContent = el.textContent.replace(/[^A-Za-z0-9]/g, 'Q'); }")
    assert page.evaluate(_WIDEST) <= 390
    assert_accessible(page, "register-signature")


def test_dossier_codes_stay_on_one_line_and_the_inbox_reads_as_cards(
    phone_page, live_server, login_browser
):
    agency = make_agency(name="Ủy ban nhân dân xã An Hòa", code="000.00.06.H56")
    procedure = make_procedure(
        name="Đăng ký khai sinh", agencies=[agency], online_level=OnlineLevel.FULL
    )
    citizen = make_citizen(full_name="Lê Thị Hoa")
    team = make_team(agency)
    dossier = make_dossier(agency=agency, procedure=procedure, applicant=citizen)
    page = phone_page

    login_browser(page, citizen)
    page.goto(f"{live_server.url}/nop-ho-so/thanh-cong/{dossier.pk}/")
    expect(page.locator("#dossier-code")).to_have_text(dossier.code)
    assert _one_line(page.locator("#dossier-code"))
    assert_accessible(page, "submitted-code")
    page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.code}/")
    assert _one_line(page.locator("h1 .code-text"))

    page.context.clear_cookies()
    login_browser(page, team["counter"])
    page.goto(f"{live_server.url}/can-bo/")
    card = page.locator(".card-table tbody tr").first
    code = card.get_by_role("link", name=dossier.code)
    assert _one_line(code)
    card_width = card.evaluate(_BOX)["w"]
    for text in ("Lê Thị Hoa", "Đăng ký khai sinh", "Mới đăng ký"):
        cell = card.locator("td", has_text=text)
        assert cell.evaluate(_BOX)["h"] < 2.5 * cell.evaluate(_LINE), text  # not a word a line
        assert cell.evaluate(_BOX)["w"] >= 0.9 * card_width - 2
    assert_accessible(page, "inbox-cards")
    # A search folds the filters away too: the found row is on the first screen.
    page.locator("summary", has_text="Lọc và tìm kiếm").click()
    page.get_by_label("Mã hồ sơ hoặc tên người nộp").fill("Lê Thị Hoa")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url(re.compile(r"q=L"))
    assert not page.locator("details.card").evaluate("el => el.open")
    expect(page.locator("details.card summary")).to_contain_text("1 đang áp dụng")
    found = page.locator(".card-table tbody tr").first.evaluate(_BOX)
    assert found["top"] < page.viewport_size["height"]
    code.click()
    assert _one_line(page.locator("h1 .code-text"))
    assert_accessible(page, "officer-dossier")
