"""Back-office journey in Chromium: receive, supplement, process, approve, return."""

import pytest
from playwright.sync_api import expect

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


def test_officers_take_an_online_dossier_from_receipt_to_return(
    page, live_server, login_browser, artifacts_dir
):
    team = make_team()
    dossier = make_dossier(agency=team["agency"], applicant_name="Nguyễn Thị Lan")
    url = f"{live_server.url}/can-bo/ho-so/{dossier.pk}/"

    # Counter officer finds the new online dossier in the inbox and receives it.
    login_browser(page, team["counter"])
    page.goto(f"{live_server.url}/can-bo/")
    expect(page.locator('[data-tab="moi"] .badge-count')).to_have_text("1")
    assert_accessible(page, "counter-inbox")
    page.get_by_role("link", name=dossier.code).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(dossier.code)
    assert_accessible(page, "counter-dossier-new")
    _act(page, "receive")
    expect(page.locator("[data-status]")).to_have_text("Được tiếp nhận")

    # It hands the dossier to the specialist, who asks for a supplement: what and why.
    _act(page, "start_processing")
    expect(page.locator("[data-status]")).to_have_text("Đang xử lý")
    _switch(page, login_browser, team["specialist"])
    page.goto(url)
    assert_accessible(page, "specialist-dossier")
    _act(
        page,
        "request_supplement",
        other_paper="Bản sao giấy khai sinh",
        other_reason="Ảnh bị mờ",
        note="Ảnh giấy khai sinh bị mờ, không đọc được",
    )
    expect(page.locator("[data-status]")).to_have_text("Yêu cầu bổ sung giấy tờ")

    # The citizen supplements on their own dossier page.
    _switch(page, login_browser, dossier.applicant)
    page.goto(f"{live_server.url}/ho-so-cua-toi/{dossier.code}/")
    expect(page.locator("#supplement")).to_contain_text("Ảnh giấy khai sinh bị mờ")
    assert_accessible(page, "citizen-supplement-request")
    expect(page.locator("[data-supplement-list]")).to_contain_text(
        "Bản sao giấy khai sinh: Ảnh bị mờ"
    )
    page.set_input_files(
        "#other",
        files=[
            {"name": "giay-khai-sinh-ro.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
        ],
    )
    page.locator("#supplement").get_by_role("button", name="Gửi bổ sung").click()
    expect(page.locator(".message--success")).to_be_visible()

    # The specialist sees the supplement and uploads the result.
    _switch(page, login_browser, team["specialist"])
    page.goto(url)
    expect(page.locator("[data-status]")).to_have_text("Đang xử lý")
    expect(page.get_by_text("giay-khai-sinh-ro.pdf")).to_be_visible()
    assert_accessible(page, "specialist-dossier-supplemented")
    page.set_input_files(
        "#result-file",
        files=[
            {"name": "giay-khai-sinh.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
        ],
    )
    page.get_by_role("button", name="Tải lên kết quả").click()
    expect(page.locator(".message--success")).to_be_visible()
    expect(page.locator('form[data-action="approve"]')).to_have_count(0)
    _act(page, "submit_for_approval", note="Đề nghị lãnh đạo phê duyệt")

    # The leader finds it in the approval queue and approves; the counter hands it over.
    _switch(page, login_browser, team["leader"])
    page.goto(live_server.url + "/can-bo/")
    expect(page.locator('[data-tab="cho-phe-duyet"][aria-current="page"]')).to_be_visible()
    assert_accessible(page, "leader-inbox")
    page.goto(url)
    expect(page.locator(".timeline")).to_contain_text("Trình phê duyệt")
    assert_accessible(page, "leader-dossier")
    _act(page, "approve")
    expect(page.locator("[data-status]")).to_have_text("Đã xử lý xong")
    _switch(page, login_browser, team["counter"])
    page.goto(url)
    _act(page, "return_result")
    expect(page.locator("[data-status]")).to_have_text("Đã trả kết quả")
    expect(page.locator(".timeline")).to_contain_text("Ảnh giấy khai sinh bị mờ")
    assert_accessible(page, "counter-dossier-returned")
    page.screenshot(path=str(artifacts_dir / "backoffice-returned.png"), full_page=True)

    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.status == S.RETURNED and dossier.timeliness in ("early", "on_time")
    texts = list(
        SmsMessage.objects.filter(dossier_id=dossier.pk)
        .order_by("id")
        .values_list("text", flat=True)
    )
    expected = [
        "đã được tiếp nhận",
        "cần bổ sung: Bản sao giấy khai sinh",
        "đã có kết quả",
        "đã được trả",
    ]
    found = iter(texts)  # each notice, in the order the officers acted
    for phrase in expected:
        assert any(phrase in text and dossier.code in text for text in found), (phrase, texts)
    # The SMS names the papers (the reasons are on the citizen's page) and ends cleanly.
    assert not any(".." in text for text in texts)
