import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from dichvucong.accounts.models import VerificationLevel, VerificationStatus
from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.accounts.tests.helpers import (
    GOOD_PASSWORD,
    PHONE_E164,
    citizen_details,
    confirm_phone,
    register_by_phone,
    start,
    submit_details,
)
from dichvucong.core.models import AuditLog
from dichvucong.notifications.models import SmsMessage

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_citizen_registers_by_phone_otp_and_lands_on_login_with_success_message(client):
    response = register_by_phone(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    page = client.get(response["Location"])
    assert "Tạo tài khoản thành công" in page.content.decode()
    user = User.objects.get(id_number="060195001122")
    assert user.phone == PHONE_E164
    assert user.verification_level == VerificationLevel.MEDIUM
    assert user.verification_status == VerificationStatus.VERIFIED
    assert user.check_password(GOOD_PASSWORD)
    assert user.password.startswith(("argon2", "pbkdf2", "md5"))
    assert AuditLog.objects.filter(action="accounts.register", target_id=str(user.pk)).exists()


def test_otp_sms_is_marked_secret_and_goes_through_the_sms_channel(
    client, django_capture_on_commit_callbacks
):
    start(client)
    with django_capture_on_commit_callbacks(execute=True):
        submit_details(client, citizen_details())
    sms = SmsMessage.objects.get(phone=PHONE_E164)
    assert sms.is_secret and sms.purpose == "otp_registration"
    assert sms.status == "sent"


def test_business_must_give_enterprise_code_of_10_or_13_digits(client):
    start(client, account_type="business")
    response = submit_details(
        client, citizen_details(enterprise_code="12345", organisation_name="Công ty A")
    )
    assert response.status_code == 400
    assert "Mã số doanh nghiệp gồm 10 hoặc 13 chữ số." in response.content.decode()
    response = submit_details(
        client, citizen_details(enterprise_code="0312345678-001", organisation_name="Công ty A")
    )
    assert response.status_code == 302
    assert client.session["registration"]["data"]["enterprise_code"] == "0312345678001"


def test_agency_is_asked_for_its_agency_code(client):
    start(client, account_type="agency")
    response = submit_details(client, citizen_details(organisation_name="Sở Tư pháp"))
    assert response.status_code == 400
    assert 'name="agency_code"' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "Vui lòng nhập thông tin này."),
        ("id_number", "12345", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        (
            "id_number",
            "003195001122",
            "Ba chữ số đầu (mã tỉnh nơi đăng ký khai sinh) không hợp lệ.",
        ),
        (
            "id_number",
            "060295001122",
            "Chữ số thứ tư (thế kỷ và giới tính) không khớp với năm sinh.",
        ),
        ("id_number", "060196001122", "Chữ số thứ năm và sáu phải là hai số cuối của năm sinh."),
        ("date_of_birth", "31/02/1995", "Ngày sinh không hợp lệ."),
        ("phone", "0281234567", "Số điện thoại di động Việt Nam không hợp lệ"),
        ("email", "lan@", "Địa chỉ thư điện tử không hợp lệ."),
    ],
)
def test_invalid_field_gets_vietnamese_message_and_keeps_what_was_typed(
    client, field, value, message
):
    start(client)
    data = citizen_details(**{field: value})
    response = submit_details(client, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'value="Nguyễn Thị Lan"' in html or field == "full_name"
    if value:
        assert f'value="{value}"' in html
    assert "Các mục có dấu * là bắt buộc." in html
    assert '<span class="required-mark" aria-hidden="true">*</span>' in html


def test_duplicate_id_number_and_phone_are_refused_with_clear_messages(client):
    make_citizen(id_number="060195001122", username="060195001122", phone=PHONE_E164)
    start(client)
    html = submit_details(client, citizen_details()).content.decode()
    assert "Số định danh cá nhân này đã có tài khoản." in html
    assert "Số điện thoại này đã được dùng cho tài khoản khác." in html


def test_wrong_missing_or_reused_captcha_is_refused(client):
    start(client)
    response = submit_details(client, citizen_details(), captcha="ZZZZZ")
    assert response.status_code == 400
    assert "Mã xác thực không đúng" in response.content.decode()
    # Bypass attempts: no captcha field at all, or replaying an answer already spent.
    client.get(reverse("accounts:register_details"))
    answer = client.session["captcha_answer"]
    response = client.post(reverse("accounts:register_details"), citizen_details(email="x@y.vn"))
    assert response.status_code == 400
    response = client.post(
        reverse("accounts:register_details"), citizen_details() | {"captcha": answer}
    )
    assert response.status_code == 400
    assert not SmsMessage.objects.exists()


def test_captcha_is_case_insensitive_and_drawn_as_png(client):
    start(client)
    client.get(reverse("accounts:register_details"))
    image = client.get(reverse("accounts:captcha"))
    assert image["Content-Type"] == "image/png" and image.content[:4] == b"\x89PNG"
    answer = client.session["captcha_answer"].lower()
    response = client.post(
        reverse("accounts:register_details"), citizen_details() | {"captcha": answer}
    )
    assert response.status_code == 302


def test_steps_cannot_be_skipped(client):
    response = client.get(reverse("accounts:register_password"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:register")
    start(client)
    submit_details(client, citizen_details())
    response = client.post(
        reverse("accounts:register_password"),
        {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )
    assert response.status_code == 302
    assert not User.objects.filter(id_number="060195001122").exists()


def test_wizard_ignores_tampered_hidden_data(client):
    start(client)
    submit_details(client, citizen_details())
    from dichvucong.accounts.tests.conftest import latest_otp

    client.post(reverse("accounts:register_otp"), {"code": latest_otp(PHONE_E164)})
    client.post(
        reverse("accounts:register_password"),
        {
            "password1": GOOD_PASSWORD,
            "password2": GOOD_PASSWORD,
            "phone": "0911111111",
            "verification_level": "high",
            "id_number": "060195009999",
        },
    )
    user = User.objects.get()
    assert (user.phone, user.verification_level, user.id_number) == (
        PHONE_E164,
        VerificationLevel.MEDIUM,
        "060195001122",
    )


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1!", "Mật khẩu phải có ít nhất 8 ký tự."),
        ("0987654321", "Mật khẩu không được là số điện thoại hoặc số định danh."),
        ("0987 654 321", "Mật khẩu không được là số điện thoại hoặc số định danh."),
        ("+84987654321", "Mật khẩu không được là số điện thoại hoặc số định danh."),
        ("060195001122", "Mật khẩu không được là số điện thoại hoặc số định danh."),
        ("password123", "Mật khẩu quá phổ biến hoặc dễ đoán"),
    ],
)
def test_weak_passwords_are_refused(client, password, message):
    start(client)
    submit_details(client, citizen_details())
    from dichvucong.accounts.tests.conftest import latest_otp

    client.post(reverse("accounts:register_otp"), {"code": latest_otp(PHONE_E164)})
    response = client.post(
        reverse("accounts:register_password"), {"password1": password, "password2": password}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_social_insurance_code_is_checked_against_the_demo_registry(client):
    start(client, method="social_insurance")
    person = {
        "full_name": "Trần Thị Minh Thư",
        "id_number": "060190001234",
        "date_of_birth": "1990-04-12",
        "phone": "0912000222",
    }
    response = submit_details(client, person | {"social_insurance_code": "6021098765"})
    assert response.status_code == 400
    assert "Mã số bảo hiểm xã hội không khớp" in response.content.decode()
    response = submit_details(client, person | {"social_insurance_code": "6023456789"})
    # The phone that will receive OTPs and password resets is confirmed first (issue 17.3).
    assert response["Location"] == reverse("accounts:register_otp")
    skipped = client.post(
        reverse("accounts:register_password"),
        {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )
    assert skipped["Location"] == reverse("accounts:register")
    assert not User.objects.filter(id_number="060190001234").exists()
    submit_details(client, person | {"social_insurance_code": "6023456789"})
    response = confirm_phone(client, "0912000222")
    assert response["Location"] == reverse("accounts:register_password")
    client.post(
        reverse("accounts:register_password"),
        {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )
    user = User.objects.get(id_number="060190001234")
    assert user.verification_level == VerificationLevel.MEDIUM
    assert user.social_insurance_code == "6023456789"


def test_post_office_account_waits_until_an_officer_checks_the_id_paper(client):
    start(client, method="post_office")
    submit_details(client, citizen_details())
    confirm_phone(client)
    client.post(
        reverse("accounts:register_password"),
        {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )
    account = User.objects.get(id_number="060195001122")
    assert account.verification_status == VerificationStatus.PENDING
    assert account.verification_level == VerificationLevel.NONE

    from django.contrib.auth.models import Permission

    from dichvucong.accounts.tests.factories import make_staff

    clerk = make_staff(is_staff=True)
    officer_client = Client()
    officer_client.force_login(clerk)
    assert officer_client.get(reverse("accounts:officer_pending")).status_code == 403
    clerk.user_permissions.add(Permission.objects.get(codename="verify_identity"))
    page = officer_client.get(reverse("accounts:officer_pending")).content.decode()
    assert "Nguyễn Thị Lan" in page and "Đã kiểm tra giấy tờ" in page
    officer_client.post(reverse("accounts:officer_verify", args=[account.pk]))
    account.refresh_from_db()
    assert account.verification_status == VerificationStatus.VERIFIED
    assert account.verification_level == VerificationLevel.MEDIUM
    assert account.verified_by == clerk and account.verified_at is not None
    assert AuditLog.objects.filter(action="accounts.verify_identity", actor=clerk).exists()
    # A citizen cannot use the officer page.
    citizen_client = Client()
    citizen_client.force_login(account)
    assert (
        citizen_client.post(reverse("accounts:officer_verify", args=[account.pk])).status_code
        == 403
    )


def test_registration_forms_enforce_csrf():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:register"), {"account_type": "citizen", "verification_method": "phone"}
    )
    assert response.status_code == 403


def test_invalid_inputs_point_to_their_messages_for_screen_readers(client):
    start(client)
    html = submit_details(client, citizen_details(phone="123")).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_phone_error"' in html and 'id="id_phone_error"' in html
    # The summary at the top is announced and links to the field.
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'role="alert"' in summary and 'href="#id_phone"' in summary


def test_identity_clerk_staff_role_may_verify_and_lands_on_the_identity_checks(client):
    from dichvucong.accounts.models import StaffRole
    from dichvucong.accounts.tests.factories import PASSWORD, make_staff
    from dichvucong.catalog.tests.factories import make_agency

    pending = make_citizen(
        verification_method="post_office", verification_level="none", verification_status="pending"
    )
    clerk = make_staff()
    StaffRole.objects.create(user=clerk, agency=make_agency(), role="identity_clerk")
    response = client.post(
        reverse("accounts:login"), {"identifier": clerk.username, "password": PASSWORD}
    )
    assert response["Location"] == reverse("accounts:officer_pending")
    client.post(reverse("accounts:officer_verify", args=[pending.pk]))
    pending.refresh_from_db()
    assert pending.verification_status == VerificationStatus.VERIFIED
    assert pending.verified_by == clerk


EXISTS = ("Số định danh cá nhân này đã có tài khoản.", "Số điện thoại này đã được dùng")


def test_a_wrong_captcha_never_tells_whether_an_account_exists(client):
    make_citizen(id_number="060195001122", username="060195001122", phone=PHONE_E164)
    start(client)
    response = submit_details(client, citizen_details(), captcha="ZZZZZ")
    html = response.content.decode()
    assert response.status_code == 400 and "Mã xác thực không đúng" in html
    assert not any(message in html for message in EXISTS)


def test_account_exists_is_answered_only_within_a_rate_limit(client, monkeypatch):
    from dichvucong.accounts import throttle

    monkeypatch.setattr(throttle, "EXISTENCE_CHECK_LIMIT", 2)
    make_citizen(id_number="060195001122", username="060195001122", phone=PHONE_E164)
    start(client)
    answers = [submit_details(client, citizen_details()) for _ in range(3)]
    assert [a.status_code for a in answers] == [400, 400, 429]
    assert all(EXISTS[0] in a.content.decode() for a in answers[:2])
    limited = answers[2].content.decode()
    assert "thử quá nhiều lần" in limited and not any(m in limited for m in EXISTS)
