"""A citizen registers by digital signature in Chromium: on a phone with the demo provider (the
demo CA and its "phone" page), and on a computer with a signing plug-in (a fake on loopback
holding a key the demo CA certified)."""

import re

import pytest

from tests.e2e.a11y import assert_accessible
from tests.e2e.test_registration_journey import PASSWORD, _captcha_from_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signing(settings):
    settings.ESIGN_TRUST_DEMO_CA = True  # the demo CA's root on the trust list
    settings.SIGNATURE_PROVIDERS = ["plugin", "demo"]
    return settings


def _to_signature_step(page, live_server, *, method: str, id_number: str, phone: str) -> None:
    page.goto(f"{live_server.url}/dang-ky/")
    page.get_by_label("Công dân").check()
    page.get_by_label(method).check()
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Họ và tên").fill("Trần Minh Khoa")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill(id_number)
    page.get_by_label("Ngày sinh").fill("1990-06-01")
    page.get_by_label("Số điện thoại di động").fill(phone)
    page.get_by_label("Mã xác thực").fill(_captcha_from_session(page))
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_text("Mã OTP gồm 6 chữ số đã được gửi").wait_for()
    outbox = page.context.new_page()
    outbox.goto(f"{live_server.url}/dev/sms/")
    row = outbox.locator("tr", has_text="+84" + phone[1:]).first
    code = re.search(r"\b(\d{6})\b", row.locator(".sms-text").inner_text()).group(1)
    outbox.close()
    page.get_by_label("Mã OTP").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url(re.compile(r"/dang-ky/chu-ky-so/$"))


def _finish_and_see_level_high(page, identifier: str) -> None:
    page.wait_for_url(re.compile(r"/dang-ky/mat-khau/$"))
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_text("Tạo tài khoản thành công").wait_for()
    page.get_by_label("Số định danh cá nhân hoặc số điện thoại").fill(identifier)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/tai-khoan/$"))
    assert page.locator(".verification-level").inner_text() == "Cao"


def test_sim_signature_with_the_demo_provider_on_a_phone(phone_page, live_server, signing):
    page = phone_page
    _to_signature_step(
        page, live_server, method="SIM ký số", id_number="060190004455", phone="0912000444"
    )
    assert_accessible(page, "signature-means")
    page.get_by_text("Nâng cao: dán chứng thư số và chữ ký").click()
    assert page.locator("#challenge").is_visible()
    assert_accessible(page, "signature-advanced-open")

    demo = page.locator("section", has_text="Ký bằng chứng thư số demo")
    demo.get_by_role("button", name="Gửi yêu cầu ký").click()
    page.get_by_role("heading", name="Đang chờ xác nhận trên điện thoại").wait_for()
    assert_accessible(page, "signature-waiting")

    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Mở trang “điện thoại” demo").click()
    phone = opened.value
    phone.get_by_text("Trần Minh Khoa").wait_for()
    assert_accessible(phone, "demo-phone")
    phone.get_by_role("button", name="Xác nhận ký").click()
    phone.get_by_text("Đã ký. Quay lại trang đăng ký để tiếp tục.").wait_for()
    phone.close()

    # The waiting page notices the signature by itself and goes on to the password.
    _finish_and_see_level_high(page, "060190004455")


def test_usb_token_through_the_signing_plugin(page, live_server, signing):
    from cryptography import x509

    from dichvucong.accounts.tests.fake_signing import FakePlugin
    from dichvucong.esign.demo_ca import issue_person_certificate

    issued = issue_person_certificate(id_number="060190007788", full_name="Trần Minh Khoa")
    certificate = x509.load_pem_x509_certificate(issued.certificate_pem)
    with FakePlugin(certificates=[certificate], key=issued.key) as plugin:
        signing.SIGNATURE_PLUGIN_URL = plugin.url
        _to_signature_step(
            page, live_server, method="USB ký số", id_number="060190007788", phone="0912000555"
        )
        assert_accessible(page, "signature-means")
        button = page.get_by_role("button", name="Ký bằng USB ký số")

        # The plug-in is not running yet: its port refuses the connection.
        page.route(f"{plugin.url}**", lambda route: route.abort("connectionrefused"))
        button.click()
        page.get_by_text("Không kết nối được với phần mềm ký số trên máy tính.").wait_for()
        page.unroute(f"{plugin.url}**")

        plugin.cancel = True  # the citizen presses "Hủy" in the plug-in's PIN dialog
        button.click()
        page.get_by_text("Bạn đã hủy thao tác ký trên phần mềm ký số.").wait_for()
        assert page.url.endswith("/dang-ky/chu-ky-so/")

        plugin.cancel = False
        button.click()
        _finish_and_see_level_high(page, "060190007788")
        assert [m["method"] for m in plugin.messages][-2:] == ["get_certificate", "sign"]
