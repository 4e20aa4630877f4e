"""A fully-online procedure with a fee, end to end in Chromium: the citizen submits online,
chooses delivery by post, pays through a fake VNPay on loopback (its IPN is the source of truth),
the officer returns the result by post through a fake VNPost, and the delivery callback closes
the dossier.

Receiving, processing and approving (1 → 2 → 4 → 9) go through the back office's status machine
by service call (its own journey covers those pages); every other step is in the browser.
"""

import pytest
from django.core.files.base import ContentFile

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import OnlineLevel
from dichvucong.core.vn.addresses import communes, provinces
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, DossierStatus
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.tests.factories import make_fee_procedure, make_officer_for
from dichvucong.payments.tests.fakes import FakeVnpay, FakeVnpost
from dichvucong.processing.services import approval_step
from dichvucong.processing.services import dossier_transition as transition
from tests.e2e.a11y import assert_accessible


@pytest.fixture
def gateways(settings, live_server, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    settings.PAYMENT_PROVIDERS = ["vnpay", "demo"]
    settings.VNPAY_TMN_CODE = "DVCE2E01"
    settings.VNPAY_HASH_SECRET = "E2ESECRET0123456789ABCDEFGHIJKL"
    settings.DELIVERY_PROVIDER = "vnpost"
    settings.VNPOST_TOKEN, settings.VNPOST_CALLBACK_SECRET = "tok", "post-secret"
    vnpay = FakeVnpay(tmn_code=settings.VNPAY_TMN_CODE, secret=settings.VNPAY_HASH_SECRET)
    vnpost = FakeVnpost(token="tok", secret="post-secret")
    vnpay.ipn_url = f"{live_server.url}/thanh-toan/ipn/vnpay/"
    with vnpay.running(), vnpost.running():
        settings.VNPAY_PAY_URL = f"{vnpay.url}/paymentv2/vpcpay.html"
        settings.VNPAY_API_URL = f"{vnpay.url}/merchant_webapi/api/transaction"
        settings.VNPOST_ENDPOINT = vnpost.url
        yield vnpay, vnpost


def submit_online(page, base: str) -> Dossier:
    """Submit through the portal's submission pages; return the dossier."""
    procedure = make_fee_procedure(
        amount=30000, online_level=OnlineLevel.FULL, name="Cấp bản sao trích lục hộ tịch"
    )
    page.goto(f"{base}/nop-ho-so/{procedure.code}/")
    page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    assert_accessible(page, "form")
    page.get_by_role("button", name="Lưu và tiếp tục").click()
    assert_accessible(page, "files")
    page.get_by_role("link", name="Xem lại hồ sơ").click()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.get_by_role("heading", name="Nộp thành công").wait_for()
    assert_accessible(page, "submitted")
    return Dossier.objects.get(code=page.locator("#dossier-code").inner_text().strip())


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_fully_online_procedure_paid_by_vnpay_and_returned_by_post(
    live_server, page, browser, login_browser, gateways, artifacts_dir
):
    vnpay, vnpost = gateways
    base = live_server.url
    login_browser(page, make_citizen(full_name="Trần Thị Bình"))
    dossier = submit_online(page, base)
    assert dossier.status == DossierStatus.NEW

    # The citizen chooses to receive the result by post (province → commune).
    province_code = provinces()[0][0]
    commune_code, commune_name = communes(province_code)[0]
    page.get_by_role(
        "link", name="Chọn nhận kết quả tại Bộ phận Một cửa hoặc qua bưu chính"
    ).click()
    assert_accessible(page, "delivery-choice")
    page.get_by_label("Nhận qua dịch vụ bưu chính").check()
    page.get_by_label("Họ tên người nhận").fill("Trần Thị Bình")
    page.get_by_label("Số điện thoại người nhận").fill("0912345678")
    page.get_by_label("Tỉnh/thành phố").select_option(province_code)
    page.locator(f"select[name='commune_code'] option[value='{commune_code}']").wait_for(
        state="attached"
    )
    page.get_by_label("Xã/phường/đặc khu").select_option(commune_code)
    page.get_by_label("Số nhà, đường, thôn/xóm").fill("24 Nguyễn Tất Thành")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu hình thức nhận kết quả").wait_for()

    # Pays 30.000 đồng through the (fake) VNPay: its pay page sends the IPN, then redirects.
    page.goto(f"{base}/thanh-toan/ho-so/{dossier.pk}/")
    page.get_by_text("Chưa thanh toán").wait_for()
    assert_accessible(page, "fees")
    page.get_by_label("VNPAY (thẻ ATM, Internet Banking, QR)").check()
    page.get_by_role("button", name="Thanh toán 30.000 đồng").click()
    page.wait_for_url(f"{vnpay.url}/**")
    page.get_by_role("button", name="Thanh toán").click()
    page.wait_for_url("**/thanh-toan/ket-qua/**")
    assert page.get_by_text("Thanh toán thành công").is_visible()
    assert vnpay.ipn_answers == [{"RspCode": "00", "Message": "Confirm Success"}]
    payment = dossier.payments.get(status=PaymentStatus.PAID)
    assert payment.provider == "vnpay" and payment.amount == 30000
    page.screenshot(path=str(artifacts_dir / "payments-return.png"), full_page=True)
    assert_accessible(page, "payment-return")

    # The officer receives, processes and approves (status machine), then returns by post.
    officer = make_officer_for(dossier)
    result = Attachment(
        dossier=dossier,
        kind=AttachmentKind.RESULT,
        original_name="kq.pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=8,
        sha256="0",
    )
    result.file.save("kq.pdf", ContentFile(b"%PDF-1.4"), save=True)
    for status in (DossierStatus.RECEIVED, DossierStatus.PROCESSING, DossierStatus.DONE):
        if status == DossierStatus.DONE:  # the specialist submits it to the leader first
            approval_step(
                dossier=Dossier.objects.get(pk=dossier.pk),
                action="submit_for_approval",
                actor=officer,
            )
        transition(dossier=Dossier.objects.get(pk=dossier.pk), to=status, actor=officer)
    officer_page = browser.new_context(locale="vi-VN").new_page()
    login_browser(officer_page, officer)
    officer_page.goto(f"{base}/can-bo/ho-so/{dossier.pk}/buu-chinh/")
    assert_accessible(officer_page, "officer-delivery")
    officer_page.get_by_role("button", name="Trả kết quả qua bưu chính").click()
    tracking = officer_page.locator(".tracking-number").inner_text()
    assert tracking.startswith("EB")
    officer_page.context.close()

    # The citizen sees the tracking number; after the post's delivery callback, "returned".
    page.goto(f"{base}/ho-so/{dossier.pk}/nhan-ket-qua/")
    assert page.locator(".tracking-number").inner_text() == tracking
    order_code = next(iter(vnpost.orders))
    assert vnpost.orders[order_code]["receiver"]["commune_code"] == commune_code
    assert vnpost.send_callback(order_code, "delivered") == 200
    page.reload()
    assert page.locator(".dossier-status").inner_text() == "Đã trả kết quả"
    assert commune_name in page.locator(".shipment").inner_text()
    assert_accessible(page, "delivered")
    page.screenshot(path=str(artifacts_dir / "delivery-returned.png"), full_page=True)
