"""Fully online (toàn trình, old "mức độ 4") with a fee, end to end in Chromium.

The citizen, on a phone, chooses delivery by post on the review step (the address comes from
their profile), submits, pays through the demo payment provider (postage is "thu khi nhận":
not in the amount paid online), and the officer, on a desktop, returns the result with
"Trả kết quả qua bưu chính" from the dossier page (the plain "Trả kết quả" is not offered, and
refused when posted, until the post reports delivery). The waybill is shown on the citizen's
dossier page; the post's signed delivery callback (a fake VNPost on loopback) closes it.

Receiving, processing and approving go through the status machine by service call (the
partly-online journey covers those pages); every other step is in the browser.
"""

import re

import pytest
from playwright.sync_api import expect

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import OnlineLevel
from dichvucong.core.vn.addresses import communes, provinces
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.tests.factories import make_fee_procedure
from dichvucong.payments.tests.fakes import FakeVnpost
from dichvucong.processing.tests.factories import agency_officer, walk_to
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def post(settings, live_server, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    settings.DEMO_MODE = True  # the demo payment provider's page
    settings.PAYMENT_PROVIDERS = ["demo"]
    settings.DELIVERY_PROVIDER = "vnpost"
    settings.VNPOST_TOKEN, settings.VNPOST_CALLBACK_SECRET = "tok", "post-secret"
    vnpost = FakeVnpost(token="tok", secret="post-secret")
    with vnpost.running():
        settings.VNPOST_ENDPOINT = vnpost.url
        yield vnpost


def test_fully_online_dossier_paid_online_and_returned_by_post(
    live_server, phone_page, page, login_browser, post
):
    base = live_server.url
    province_code = provinces()[0][0]
    commune_code, commune_name = communes(province_code)[0]
    citizen = make_citizen(
        full_name="Trần Thị Bình",
        phone="+84912345678",
        province_code=province_code,
        commune_code=commune_code,
        address_line="24 Nguyễn Tất Thành",
    )
    procedure = make_fee_procedure(
        amount=30000, online_level=OnlineLevel.FULL, name="Cấp bản sao trích lục hộ tịch"
    )

    # On a phone: start, then choose delivery by post on the review step; the address is
    # the profile's.
    login_browser(phone_page, citizen)
    phone_page.goto(f"{base}/nop-ho-so/{procedure.code}/")
    phone_page.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    phone_page.get_by_role("button", name="Lưu và tiếp tục").click()
    phone_page.get_by_role("link", name="Xem lại hồ sơ").click()
    assert_accessible(phone_page, "01-review")
    phone_page.get_by_role("link", name="Chọn", exact=True).click()
    phone_page.get_by_label("Nhận qua dịch vụ bưu chính").check()
    expect(phone_page.get_by_label("Số nhà, đường, thôn/xóm")).to_have_value("24 Nguyễn Tất Thành")
    expect(phone_page.get_by_label("Xã/phường/đặc khu")).to_have_value(commune_code)
    expect(phone_page.locator("[data-postage]").first).to_contain_text("thu khi nhận")
    assert_accessible(phone_page, "02-delivery-choice")
    phone_page.get_by_label("Họ tên người nhận").fill("Trần Thị Bình")
    phone_page.get_by_label("Số điện thoại người nhận").fill("0912345678")
    phone_page.get_by_role("button", name="Lưu").click()
    expect(phone_page.locator("main")).to_contain_text("24 Nguyễn Tất Thành")
    assert_accessible(phone_page, "03-review-with-post")
    phone_page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(phone_page.get_by_role("heading", name="Nộp thành công")).to_be_visible()
    assert_accessible(phone_page, "04-submitted")
    code = phone_page.locator("#dossier-code").inner_text().strip()
    dossier = Dossier.objects.get(code=code)
    assert dossier.status == DossierStatus.NEW and dossier.result_delivery == "post"

    # Pays the 30.000 đồng fee online; the postage is collected by the postman, not here.
    phone_page.goto(f"{base}/thanh-toan/ho-so/{dossier.pk}/")
    expect(phone_page.get_by_text("Chưa thanh toán")).to_be_visible()
    expect(phone_page.locator("[data-postage]").first).to_contain_text("thu khi nhận")
    assert_accessible(phone_page, "05-fees")
    phone_page.get_by_label("Thanh toán thử nghiệm (demo)").check()
    phone_page.get_by_role("button", name="Thanh toán 30.000 đồng").click()
    expect(phone_page.get_by_role("heading", name="Cổng thanh toán thử nghiệm")).to_be_visible()
    assert_accessible(phone_page, "06-demo-gateway")
    phone_page.get_by_role("button", name="Thanh toán", exact=True).click()
    phone_page.wait_for_url("**/thanh-toan/ket-qua/**")
    expect(phone_page.get_by_text("Thanh toán thành công")).to_be_visible()
    assert_accessible(phone_page, "07-paid")
    payment = dossier.payments.get(status=PaymentStatus.PAID)
    assert payment.provider == "demo" and payment.amount == 30000

    # Received, processed and approved by the machine; the counter officer ships it by post.
    walk_to(dossier, DossierStatus.DONE)
    officer = agency_officer(dossier.agency, "counter")
    login_browser(page, officer)
    url = f"{base}/can-bo/ho-so/{dossier.pk}/"
    page.goto(url)
    expect(page.locator('form[data-action="return_result"]')).to_have_count(0)
    expect(page.locator("#post-return")).to_contain_text("24 Nguyễn Tất Thành")
    assert_accessible(page, "08-officer-ship")
    page.locator("#post-return").get_by_role("button", name="Trả kết quả qua bưu chính").click()
    tracking = page.locator("#post-return .tracking-number")
    expect(tracking).to_have_text(re.compile(r"^EB\w+$"))  # the fake post's waybill
    waybill = tracking.inner_text()
    expect(page.locator("[data-status]")).to_have_text("Đã xử lý xong")
    expect(page.locator('form[data-action="return_result"]')).to_have_count(0)
    assert_accessible(page, "09-officer-shipped")

    # Posting the plain "Trả kết quả" anyway is refused until the post reports delivery.
    answer = page.request.post(
        f"{url}chuyen-trang-thai/",
        form={"to": str(DossierStatus.RETURNED), "expected_status": str(DossierStatus.DONE)},
        headers={"X-CSRFToken": _csrf(page), "Referer": url},
    )
    assert answer.status in (400, 409) and "bưu điện" in answer.text()
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.DONE

    # The citizen sees the waybill; after the post's delivery callback, "returned".
    phone_page.goto(f"{base}/ho-so-cua-toi/{code}/")
    expect(phone_page.locator(".shipment .tracking-number")).to_have_text(waybill)
    assert_accessible(phone_page, "10-citizen-waybill")
    phone_page.goto(f"{base}/dev/sms/")
    expect(phone_page.locator("tr", has_text="+84912345678").first).to_contain_text(waybill)
    phone_page.go_back()
    order_code = next(iter(post.orders))
    assert post.orders[order_code]["receiver"]["commune_code"] == commune_code
    assert post.send_callback(order_code, "delivered") == 200
    phone_page.reload()
    expect(phone_page.locator("main")).to_contain_text("Đã trả kết quả")
    expect(phone_page.locator(".shipment")).to_contain_text(commune_name)
    assert_accessible(phone_page, "11-citizen-delivered")


def _csrf(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
