"""Identity verification by each method the portal offers for local accounts, in Chromium.

Phone OTP (the code read in the demo outbox), social insurance, post office with the identity
clerk at /can-bo/xac-minh/ (an account waiting for that check keeps its draft but cannot
submit, and is told why and how to finish), and a digital signature (SIM ký số, the paste
form; `_sign_challenge` is the one place that answers the challenge, to adapt when the signing
page changes).
"""

import base64
import re

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

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
    assert_accessible(page, "01-methods")
    page.get_by_label("Công dân").check()
    page.get_by_label("Thuê bao di động").check()
    page.get_by_role("button", name="Tiếp tục").click()

    assert_accessible(page, "02-details")
    page.get_by_label("Họ và tên").fill("Nguyễn Thị Lan")
    page.get_by_label("Số định danh cá nhân (CCCD)").fill("060195001122")
    page.get_by_label("Ngày sinh").fill("1995-03-08")
    page.get_by_label("Số điện thoại di động").fill("0987 654 321")
    page.get_by_label("Mã xác thực").fill(_captcha_from_session(page).lower())
    page.get_by_role("button", name="Đăng ký").click()
    page.get_by_text("Mã OTP gồm 6 chữ số đã được gửi đến số điện thoại 0987 654 321").wait_for()
    assert_accessible(page, "03-otp")

    outbox = page.context.new_page()
    outbox.goto(f"{live_server.url}/dev/sms/")
    assert_accessible(outbox, "04-outbox")
    row = outbox.locator("tr", has_text="+84987654321").first
    code = re.search(r"\b(\d{6})\b", row.locator(".sms-text").inner_text()).group(1)
    outbox.close()

    page.get_by_label("Mã OTP").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    assert_accessible(page, "05-password")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()

    page.get_by_text("Tạo tài khoản thành công").wait_for()
    assert page.url.endswith("/dang-nhap/")
    assert_accessible(page, "06-login")
    page.get_by_label("Số định danh cá nhân hoặc số điện thoại").fill("0987654321")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.wait_for_url(re.compile(r"/tai-khoan/$"))
    assert_accessible(page, "07-profile")
    level = page.locator(".verification-level")
    assert level.inner_text() == "Trung bình"
    assert page.get_by_text("Nguyễn Thị Lan").first.is_visible()

    # The contact address: choosing a province fills the commune list (static/js/address.js).
    page.get_by_label("Tỉnh/thành phố").select_option(label="Lâm Đồng")
    commune = page.get_by_label("Xã/phường/đặc khu")
    commune.locator("option:nth-child(2)").wait_for(state="attached")
    commune.select_option(index=1)
    chosen = commune.locator("option:checked").inner_text()
    page.get_by_label("Số nhà, đường, thôn/xóm").fill("Số 5 Lê Lợi")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu thông tin liên hệ.").wait_for()
    assert chosen in page.get_by_text("Địa chỉ hiện tại").inner_text()
    page.screenshot(path=str(artifacts_dir / "registration-profile.png"), full_page=True)


def _register(page, live_server, *, method: str, person: dict, signature_step=None) -> None:
    """Fill steps 1–2 for a citizen with the given verification method, then the password
    (`signature_step(page)` answers the signature page of a signature method)."""
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
    if signature_step is not None:
        signature_step(page)
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


def test_social_insurance_registration_in_the_browser(phone_page, live_server):
    page = phone_page
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
    assert_accessible(page, "profile-social-insurance")
    assert page.request.get(f"{live_server.url}/favicon.ico").ok
    # Leaving by a plain link (GET) asks to confirm instead of failing or signing out silently.
    page.goto(f"{live_server.url}/dang-xuat/")
    assert_accessible(page, "logout-confirm")
    page.locator("main").get_by_role("button", name="Đăng xuất").click()
    page.goto(f"{live_server.url}/tai-khoan/")
    expect(page.get_by_label("Số định danh cá nhân hoặc số điện thoại")).to_be_visible()


def test_post_office_account_keeps_its_draft_until_the_identity_clerk_verifies_it(
    phone_page, page, live_server
):
    from django.contrib.auth.models import Permission

    from dichvucong.accounts.tests.factories import PASSWORD as STAFF_PASSWORD
    from dichvucong.accounts.tests.factories import make_staff
    from dichvucong.catalog.tests.factories import make_procedure

    procedure = make_procedure(name="Cấp bản sao trích lục khai sinh")
    citizen = phone_page
    _register(
        citizen,
        live_server,
        method="Bưu điện",
        person={
            "Họ và tên": "Phạm Gia Bảo",
            "Số định danh cá nhân (CCCD)": "060302000777",
            "Ngày sinh": "2002-01-15",
            "Số điện thoại di động": "0912000333",
        },
    )
    _login(citizen, "0912000333")
    citizen.get_by_text("Chờ xác minh").wait_for()
    assert_accessible(citizen, "01-profile-waiting")

    # Not verified yet: the draft is kept, Submit is not offered, and the page says why and how.
    citizen.goto(f"{live_server.url}/nop-ho-so/{procedure.code}/")
    citizen.get_by_role("button", name="Bắt đầu soạn hồ sơ").click()
    citizen.get_by_role("button", name="Lưu và tiếp tục").click()
    citizen.get_by_role("link", name="Xem lại hồ sơ").click()
    gap = citizen.locator("#identity-gap")
    expect(gap).to_contain_text("Chưa thể nộp hồ sơ")
    expect(gap).to_contain_text("chưa được xác minh danh tính")  # why
    expect(gap).to_contain_text("mang căn cước đến bưu điện")  # how to finish
    expect(gap).to_contain_text("Hồ sơ được lưu nháp")
    expect(gap.get_by_role("link", name="Đến trang Tài khoản để xác minh")).to_be_visible()
    expect(citizen.get_by_role("button", name="Nộp hồ sơ")).to_have_count(0)
    assert_accessible(citizen, "02-review-not-verified")
    review = citizen.url
    gap.get_by_role("link", name="Xem hồ sơ đang soạn").click()
    expect(citizen.locator("main")).to_contain_text("Cấp bản sao trích lục khai sinh")
    assert_accessible(citizen, "03-drafts")

    # The identity clerk, on a desktop, checks the papers at the post office / counter.
    clerk = make_staff(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="verify_identity"))
    page.goto(f"{live_server.url}/dang-nhap/?next=/can-bo/xac-minh/")
    assert_accessible(page, "04-officer-login")
    _login(page, clerk.username, STAFF_PASSWORD, label="Tên đăng nhập cán bộ")
    row = page.locator("tr", has_text="Phạm Gia Bảo")
    expect(row).to_be_visible()
    assert_accessible(page, "05-identity-checks")
    row.get_by_role("button", name="Đã kiểm tra giấy tờ").click()
    page.get_by_text("Đã xác minh tài khoản Phạm Gia Bảo.").wait_for()

    citizen.goto(f"{live_server.url}/tai-khoan/")
    assert citizen.locator(".verification-level").inner_text() == "Trung bình"
    assert citizen.get_by_text("Đã xác minh").first.is_visible()
    # The kept draft can now be submitted.
    citizen.goto(review)
    expect(citizen.locator("#identity-gap")).to_have_count(0)
    citizen.get_by_role("button", name="Nộp hồ sơ").click()
    expect(citizen.get_by_role("heading", name="Nộp thành công")).to_be_visible()
    assert_accessible(citizen, "06-submitted-after-verification")


ID_SIGNED = "060190004455"


def _sign_challenge(ca):
    """Return a signature step that answers the challenge the page shows with a certificate
    of the test CA issued to the registering citizen, pasted into the form."""

    def step(page) -> None:
        assert_accessible(page, "signature-page")
        # The paste form is the advanced fallback, folded away under the signing means.
        page.get_by_text("Nâng cao: dán chứng thư số và chữ ký").click()
        assert_accessible(page, "signature-page-advanced")
        challenge = page.locator("#challenge").inner_text().strip()
        leaf = ca.leaf(ID_SIGNED)
        signed = leaf.key.sign(challenge.encode(), ec.ECDSA(hashes.SHA256()))
        page.get_by_label("Chứng thư số (PEM)").fill(leaf.pem + ca.intermediate.pem)
        page.get_by_label("Chữ ký trên chuỗi thử thách (base64)").fill(
            base64.b64encode(signed).decode()
        )
        page.get_by_role("button", name="Xác minh").click()

    return step


def test_digital_signature_registration_gives_level_high(phone_page, live_server, settings):
    from dichvucong.accounts.tests.signing_ca import build_test_ca

    ca = build_test_ca()
    settings.TRUSTED_SIGNATURE_ROOTS = [ca.root.pem]
    settings.SIGNATURE_CRLS = [ca.crl()]
    page = phone_page
    _register(
        page,
        live_server,
        method="SIM ký số",
        person={
            "Họ và tên": "Võ Minh Khang",
            "Số định danh cá nhân (CCCD)": ID_SIGNED,
            "Ngày sinh": "1990-06-01",
            "Số điện thoại di động": "0912000666",
        },
        signature_step=_sign_challenge(ca),
    )
    _login(page, ID_SIGNED)
    page.wait_for_url(re.compile(r"/tai-khoan/$"))
    assert page.locator(".verification-level").inner_text() == "Cao"
    assert_accessible(page, "profile-signature")
