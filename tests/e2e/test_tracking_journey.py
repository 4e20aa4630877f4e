"""Tracking in real Chromium: the owner's full view, the public limited view, and 404s."""

import pytest

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import AttachmentKind, DossierStatus
from dichvucong.tracking.models import RatingCriterion
from dichvucong.tracking.tests.factories import internal_remark, make_attachment, make_dossier
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
S = DossierStatus


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def _returned_dossier(owner):
    RatingCriterion.objects.get_or_create(
        code="thai-do-can-bo", defaults={"name": "Thái độ của cán bộ"}
    )
    dossier = make_dossier(
        applicant=owner,
        status=S.RETURNED,
        applicant_phone="0987654321",
        applicant_name="Phạm Thị Theo Dõi",
        notes={S.RECEIVED: "Đã nhận đủ giấy tờ, hẹn trả đúng hạn"},
    )
    internal_remark(dossier, "Trao đổi nội bộ")
    slip = make_attachment(dossier, kind=AttachmentKind.SLIP, name="phieu-tiep-nhan.pdf")
    result = dossier.attachments.get(kind=AttachmentKind.RESULT)  # "ket-qua.pdf", uploaded
    return dossier, slip, result


def test_owner_public_visitor_and_another_citizen(
    live_server, browser, page, login_browser, artifacts_dir, media
):
    owner = make_citizen()
    dossier, slip, result = _returned_dossier(owner)
    detail = f"{live_server.url}/ho-so-cua-toi/{dossier.code}/"

    # The owner sees everything: timeline with notes, slips, results, QR and the rating form.
    login_browser(page, owner)
    page.goto(f"{live_server.url}/ho-so-cua-toi/")
    assert_accessible(page, "my-dossiers")
    page.get_by_role("link", name=dossier.code).click()
    page.wait_for_url(detail)
    assert_accessible(page, "my-dossier")
    body = page.locator("main")
    for text in (
        "Đã trả kết quả",
        "Đã nhận đủ giấy tờ, hẹn trả đúng hạn",
        "phieu-tiep-nhan.pdf",
        "ket-qua.pdf",
        "Đánh giá mức độ hài lòng",
        "Thôn 1, xã Thử Nghiệm",
    ):
        assert text in body.inner_text()
    assert "Trao đổi nội bộ" not in body.inner_text()
    assert page.eval_on_selector("#main .tracking-qr img", "img => img.naturalWidth") > 0
    with page.expect_download() as download:
        page.get_by_role("link", name="ket-qua.pdf").click()
    assert download.value.suggested_filename == "ket-qua.pdf"
    page.screenshot(path=artifacts_dir / "tracking-owner.png", full_page=True)

    # An anonymous visitor on a phone: a wrong factor is refused, the right one shows the
    # limited view.
    visitor = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(f"{live_server.url}/tra-cuu/")
    assert_accessible(visitor, "lookup")
    visitor.get_by_label("Mã hồ sơ").fill(dossier.code)
    visitor.get_by_label("4 số cuối").fill("1111")
    visitor.get_by_role("button", name="Tra cứu").click()
    assert "Không tìm thấy hồ sơ khớp" in visitor.locator("#lookup-error").inner_text()
    assert_accessible(visitor, "lookup-refused")
    visitor.get_by_label("4 số cuối").fill("4321")
    visitor.get_by_role("button", name="Tra cứu").click()
    view = visitor.locator("#lookup-result").inner_text()
    assert dossier.procedure.name in view and "Đã trả kết quả" in view
    assert "Phạm T. T. D." in view
    assert "hẹn trả đúng hạn" not in view and "ket-qua.pdf" not in view
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 390  # reads on a phone
    assert_accessible(visitor, "lookup-result")
    visitor.screenshot(path=artifacts_dir / "tracking-public.png", full_page=True)
    visitor.context.close()

    # Another citizen gets 404 on my dossier, my files and my slips by URL.
    other = browser.new_context(locale="vi-VN").new_page()
    login_browser(other, make_citizen())
    file_url = f"{detail}tep/"
    for url in (
        detail,
        f"{file_url}{slip.pk}/",
        f"{file_url}{result.pk}/",
        f"{live_server.url}/tep/{slip.pk}/?tai-ve=1",
        f"{live_server.url}/tep/{result.pk}/",
        f"{live_server.url}/ho-so/{dossier.pk}/giay-tiep-nhan/",
        f"{live_server.url}/tra-cuu/qr/{dossier.code}.png",
    ):
        response = other.request.get(url)
        assert response.status == 404, url
    other.context.close()
