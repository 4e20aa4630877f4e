"""A citizen registers by phone OTP in Chromium, reads the code in the demo outbox, logs in."""

import re

import pytest
from django.contrib.sessions.models import Session

from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Ngay-moi-2026!"


def _captcha_from_session(page) -> str:
    """Read the answer the server keeps in the DB-backed session (the server still checks it)."""
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    return Session.objects.get(session_key=cookie["value"]).get_decoded()["captcha_answer"]


def test_citizen_registers_by_phone_otp_and_sees_level_medium(page, live_server, artifacts_dir):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Đăng ký").click()
    assert_accessible(page, "register-start")
    page.get_by_label("Công dân").check()
    page.get_by_label("Thuê bao di động").check()
    page.get_by_role("button", name="Tiếp tục").click()

    assert_accessible(page, "register-details")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("060195001122")
    page.get_by_label("Ngày sinh").fill("1995-03-08")
    page.get_by_label("Số điện thoại di động").fill("0987 654 321")
    page.get_by_label("Mã xác thực").fill(_captcha_from_session(page).lower())
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_text("Mã OTP gồm 6 chữ số đã được gửi đến số điện thoại 0987 654 321").wait_for()
    assert_accessible(page, "register-otp")

    outbox = page.context.new_page()
    outbox.goto(f"{live_server.url}/dev/sms/")
    assert_accessible(outbox, "demo-sms-outbox")
    row = outbox.locator("tr", has_text="+84987654321").first
    code = re.search(r"\b(\d{6})\b", row.locator(".sms-text").inner_text()).group(1)
    outbox.close()

    page.get_by_label("Mã OTP").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    assert_accessible(page, "register-password")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()

    page.get_by_text("Tạo tài khoản thành công").wait_for()
    assert page.url.endswith("/dang-nhap/")
    assert_accessible(page, "login")
    page.get_by_label("Số định danh cá nhân hoặc số điện thoại").fill("0987654321")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.wait_for_url(re.compile(r"/tai-khoan/$"))
    level = page.locator(".verification-level")
    assert level.inner_text() == "Trung bình"
    assert page.get_by_text("Nguyễn Thị Lan").first.is_visible()
    assert_accessible(page, "profile")

    # The contact address: choosing a province fills the commune list (static/js/address.js).
    page.get_by_label("Tỉnh/thành phố").select_option(label="Lâm Đồng")
    commune = page.get_by_label("Xã/phường/đặc khu")
    commune.locator("option:nth-child(2)").wait_for(state="attached")
    commune.select_option(index=1)
    chosen = commune.locator("option:checked").inner_text()
    page.get_by_label("Số nhà, đường, thôn/xóm").fill("Số 5 Lê Lợi")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu thông tin liên hệ.").wait_for()
    assert_accessible(page, "profile-saved")
    assert chosen in page.get_by_text("Địa chỉ hiện tại").inner_text()
    page.screenshot(path=str(artifacts_dir / "registration-profile.png"), full_page=True)


def _register(page, live_server, *, method: str, person: dict) -> None:
    """Fill steps 1–2 for a citizen with the given verification method, then the password."""
    page.goto(f"{live_server.url}/dang-ky/")
    page.get_by_label("Công dân").check()
    page.get_by_label(method).check()
    page.get_by_role("button", name="Tiếp tục").click()
    for label, value in person.items():
        page.get_by_label(label).fill(value)
    page.get_by_label("Mã xác thực").fill(_captcha_from_session(page))
    page.get_by_role("button", name="Đăng ký").click()
    # Every method confirms by OTP the phone that later receives codes (issue 17.3).
    phone = person["Số điện thoại di động"]
    page.get_by_text("Mã OTP gồm 6 chữ số đã được gửi").wait_for()
    outbox = page.context.new_page()
    outbox.goto(f"{live_server.url}/dev/sms/")
    row = outbox.locator("tr", has_text="+84" + phone[1:]).first
    code = re.search(r"\b(\d{6})\b", row.locator(".sms-text").inner_text()).group(1)
    outbox.close()
    page.get_by_label("Mã OTP").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_text("Tạo tài khoản thành công").wait_for()


def _login(
    page,
    identifier: str,
    password: str = PASSWORD,
    *,
    label: str = "Số định danh cá nhân hoặc số điện thoại",
) -> None:
    page.get_by_label(label).fill(identifier)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_social_insurance_and_post_office_registrations_in_the_browser(browser, live_server):
    from django.contrib.auth.models import Permission

    from dichvucong.accounts.tests.factories import PASSWORD as STAFF_PASSWORD
    from dichvucong.accounts.tests.factories import make_staff

    citizen = browser.new_context(locale="vi-VN")
    page = citizen.new_page()
    _register(
        page,
        live_server,
        method="Mã số bảo hiểm xã hội",
        person={
            "Họ và tên": "Lê Văn Hải",
            "Số định danh cá nhân (CCCD)": "060085004321",
            "Ngày sinh": "1985-09-30",
            "Số điện thoại di động": "0912000222",
            "Mã số bảo hiểm xã hội": "6021098765",
        },
    )
    _login(page, "060085004321")
    page.wait_for_url(re.compile(r"/tai-khoan/$"))
    assert page.locator(".verification-level").inner_text() == "Trung bình"
    page.get_by_role("button", name="Đăng xuất").click()

    _register(
        page,
        live_server,
        method="Bưu điện",
        person={
            "Họ và tên": "Phạm Gia Bảo",
            "Số định danh cá nhân (CCCD)": "060302000777",
            "Ngày sinh": "2002-01-15",
            "Số điện thoại di động": "0912000333",
        },
    )
    _login(page, "0912000333")
    page.get_by_text("Chờ xác minh").wait_for()
    assert_accessible(page, "profile-awaiting-check")

    clerk = make_staff(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="verify_identity"))
    officer = browser.new_context(locale="vi-VN").new_page()
    officer.goto(f"{live_server.url}/dang-nhap/?next=/can-bo/xac-minh/")
    assert_accessible(officer, "officer-login")
    _login(officer, clerk.username, STAFF_PASSWORD, label="Tên đăng nhập cán bộ")
    officer.get_by_role("heading", level=1).wait_for()
    assert_accessible(officer, "verification-queue")
    officer.locator("tr", has_text="Phạm Gia Bảo").get_by_role(
        "button", name="Đã kiểm tra giấy tờ"
    ).click()
    officer.get_by_text("Đã xác minh tài khoản Phạm Gia Bảo.").wait_for()
    officer.context.close()

    page.reload()
    assert page.locator(".verification-level").inner_text() == "Trung bình"
    assert page.get_by_text("Đã xác minh").first.is_visible()
    citizen.close()
