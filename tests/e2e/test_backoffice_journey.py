"""Supplement and resubmission, then back-office processing to the return, in Chromium.

At reception the counter officer (desktop) asks for a supplement listing the papers one by one
with a reason each; the citizen (390 px phone) sees the same list on the dossier page and in
the SMS (the demo outbox, as the phone receives it), uploads the papers and resubmits; the
officer receives it again and the appointment, set at that reception, is shown to both. A
second request shows the officer the Decision 766 warning. The specialist processes, the leader
approves, the counter returns it.
"""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_document, make_procedure
from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.notifications.models import SmsMessage
from dichvucong.processing.tests.factories import make_dossier, make_team
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _act(page, action: str, **fields) -> None:
    form = page.locator(f'form[data-action="{action}"]')
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.get_by_role("button").click()
    expect(page.locator(".message--success")).to_be_visible()


def _switch(page, login_browser, user) -> None:
    page.context.clear_cookies()
    login_browser(page, user)


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": small_pdf()}


def test_supplement_resubmission_and_processing_to_the_return(
    page, phone_page, live_server, login_browser, settings
):
    settings.DEMO_MODE = True  # the demo SMS outbox
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]], name="Đăng ký khai sinh")
    make_document(procedure, order=1, name="Giấy chứng sinh")
    make_document(procedure, order=2, name="Giấy chứng nhận kết hôn")
    citizen = make_citizen(full_name="Nguyễn Thị Lan", phone="+84912000555")
    dossier = make_dossier(
        agency=team["agency"],
        procedure=procedure,
        applicant=citizen,
        applicant_name=citizen.full_name,
    )
    base = live_server.url
    url = f"{base}/can-bo/ho-so/{dossier.pk}/"

    # The counter officer finds the new online dossier and asks for two papers, each with why.
    login_browser(page, team["counter"])
    page.goto(f"{base}/can-bo/")
    expect(page.locator('[data-tab="moi"] .badge-count')).to_have_text("1")
    assert_accessible(page, "01-inbox")
    page.get_by_role("link", name=dossier.code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.code)
    expect(page.locator("[data-due]")).to_have_text("Hẹn khi tiếp nhận hồ sơ")  # clock not started
    form = page.locator('form[data-action="request_supplement"]')
    expect(form.locator("[data-second-supplement]")).to_have_count(0)
    assert_accessible(page, "02-officer-new")
    form.get_by_label("Giấy chứng sinh", exact=True).check()
    form.get_by_label("Lý do bổ sung “Giấy chứng sinh”").fill("Ảnh bị mờ, không đọc được")
    form.get_by_label("Giấy chứng nhận kết hôn", exact=True).check()
    form.get_by_label("Lý do bổ sung “Giấy chứng nhận kết hôn”").fill("Thiếu trang 2")
    _act(page, "request_supplement", note="Chụp rõ từng trang")
    expect(page.locator("[data-status]")).to_have_text("Yêu cầu bổ sung giấy tờ")
    expected = [
        "Giấy chứng sinh: Ảnh bị mờ, không đọc được",
        "Giấy chứng nhận kết hôn: Thiếu trang 2",
    ]
    # Form 02 (Circular 03/2025), issued with the request, lists the same papers and reasons.
    slip = page.locator("a", has_text=re.compile(r"^02-phieu-yeu-cau-bo-sung-"))
    response = page.request.get(base + slip.first.get_attribute("href"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text.upper()
    for line in expected:
        assert line in " ".join(text.split()), line

    # On the phone: the same list on the dossier page and in the SMS; upload and resubmit.
    login_browser(phone_page, citizen)
    phone_page.goto(f"{base}/dev/sms/")
    sms = phone_page.locator("tr", has_text="+84912000555").first.locator(".sms-sent")
    expect(sms).to_contain_text("can bo sung: Giay chung sinh; Giay chung nhan ket hon.")
    expect(sms).to_contain_text(dossier.code)
    assert "..." not in sms.inner_text()
    assert_accessible(phone_page, "03-sms-outbox")
    phone_page.goto(f"{base}/ho-so-cua-toi/{dossier.code}/")
    expect(phone_page.locator("[data-supplement-list] li")).to_have_text(expected)
    expect(phone_page.locator("#supplement")).to_contain_text("Chụp rõ từng trang")
    assert_accessible(phone_page, "04-citizen-supplement")
    phone_page.get_by_label("Giấy chứng sinh").set_input_files(_pdf("giay-chung-sinh.pdf"))
    phone_page.get_by_label("Giấy chứng nhận kết hôn").set_input_files(_pdf("ket-hon.pdf"))
    phone_page.locator("#supplement").get_by_role("button", name="Gửi bổ sung").click()
    expect(phone_page.locator(".message--success")).to_be_visible()
    expect(phone_page.locator("#supplement")).to_have_count(0)
    assert_accessible(phone_page, "05-citizen-resubmitted")

    # The officer receives it again: the appointment is set now and shown to both.
    page.goto(url)
    expect(page.locator("[data-status]")).to_have_text("Mới đăng ký")
    expect(page.get_by_text("giay-chung-sinh.pdf")).to_be_visible()
    _act(page, "receive")
    expect(page.locator("[data-status]")).to_have_text("Được tiếp nhận")
    due = page.locator("[data-due]").inner_text().strip()
    assert due and due != "Hẹn khi tiếp nhận hồ sơ"
    # Asking again now would count as late (Decision 766): the officer is warned first.
    expect(page.locator("[data-second-supplement]")).to_contain_text("766/QĐ-TTg")
    assert_accessible(page, "06-officer-received-again")
    phone_page.reload()
    expect(phone_page.locator("main")).to_contain_text(due)
    assert_accessible(phone_page, "07-citizen-appointment")

    # The specialist processes and submits; the leader approves; the counter hands it over.
    _act(page, "start_processing")
    expect(page.locator("[data-status]")).to_have_text("Đang xử lý")
    _switch(page, login_browser, team["specialist"])
    page.goto(url)
    page.set_input_files("#result-file", files=[_pdf("giay-khai-sinh.pdf")])
    page.get_by_role("button", name="Tải lên kết quả").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator('form[data-action="approve"]')).to_have_count(0)
    _act(page, "submit_for_approval", note="Đề nghị lãnh đạo phê duyệt")
    _switch(page, login_browser, team["leader"])
    page.goto(base + "/can-bo/")
    expect(page.locator('[data-tab="cho-phe-duyet"][aria-current="page"]')).to_be_visible()
    assert_accessible(page, "08-leader-queue")
    page.goto(url)
    expect(page.locator(".timeline")).to_contain_text("Trình phê duyệt")
    _act(page, "approve")
    expect(page.locator("[data-status]")).to_have_text("Đã xử lý xong")
    _switch(page, login_browser, team["counter"])
    page.goto(url)
    _act(page, "return_result")
    expect(page.locator("[data-status]")).to_have_text("Đã trả kết quả")
    expect(page.locator(".timeline")).to_contain_text("Thiếu trang 2")
    assert_accessible(page, "09-returned")

    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.status == S.RETURNED and dossier.timeliness in ("early", "on_time")
    texts = list(
        SmsMessage.objects.filter(dossier_id=dossier.pk)
        .order_by("id")
        .values_list("text", flat=True)
    )
    found = iter(texts)  # each notice, in the order the officers acted
    for phrase in (
        "cần bổ sung: Giấy chứng sinh",
        "đã được tiếp nhận",
        "đã có kết quả",
        "đã được trả",
    ):
        assert any(phrase in text and dossier.code in text for text in found), (phrase, texts)
    assert f"Hẹn trả kết quả: {due}" in next(t for t in texts if "đã được tiếp nhận" in t)
