"""Forms of the registration wizard, login, password reset and profile."""

import datetime as dt
import re

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dichvucong.accounts import captcha
from dichvucong.accounts.identity import IdentityProviderError, get_identity_provider
from dichvucong.accounts.models import AccountType, VerificationMethod
from dichvucong.accounts.selectors import id_number_taken, phone_taken
from dichvucong.core.vn.fields import (
    CccdField,
    CommuneField,
    MobilePhoneField,
    ProvinceField,
    link_address_fields,
)
from dichvucong.core.vn.identity import validate_cccd, validate_enterprise_code

REQUIRED = gettext_lazy("Vui lòng nhập thông tin này.")


class PortalForm(forms.Form):
    """A form whose required-field message is Vietnamese.

    An invalid input gets aria-invalid and aria-describedby to its "<id>_error" list from
    Django itself; templates/partials/error_summary.html lists every error at the top.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages.setdefault("required", REQUIRED)
            field.error_messages["required"] = REQUIRED


class CaptchaMixin(forms.Form):
    """Adds the server-drawn captcha; the session's answer is spent on every check."""

    captcha = forms.CharField(label=gettext_lazy("Mã xác thực (chữ trong hình)"), max_length=10)

    def __init__(self, *args, session, **kwargs):
        self.session = session
        super().__init__(*args, **kwargs)
        field, kind = self.fields["captcha"], captcha.kind(session)
        field.label = captcha.LABELS[kind]  # the image, the digits heard, or the sum
        field.widget.attrs["autocomplete"] = "off"
        if kind != captcha.IMAGE:
            field.widget.attrs["inputmode"] = "numeric"
        if kind == captcha.QUESTION:  # the question is read with the field
            field.widget.attrs["aria-describedby"] = "captcha-question"

    def full_clean(self):
        super().full_clean()
        attrs = self.fields["captcha"].widget.attrs
        if "captcha" in self.errors and "aria-describedby" in attrs:
            attrs["aria-describedby"] = f"captcha-question {self['captcha'].auto_id}_error"

    def clean_captcha(self):
        if not captcha.check_answer(self.session, self.cleaned_data["captcha"]):
            if captcha.kind(self.session) == captcha.IMAGE:
                message = _("Mã xác thực không đúng, vui lòng nhập mã trong hình mới.")
            else:
                message = _("Mã xác thực không đúng, vui lòng trả lời thử thách mới.")
            raise ValidationError(message)
        return ""


class AccountTypeForm(PortalForm):
    account_type = forms.ChoiceField(
        label=gettext_lazy("Đối tượng đăng ký"),
        choices=AccountType.choices,
        widget=forms.RadioSelect,
    )
    verification_method = forms.ChoiceField(
        label=gettext_lazy("Phương thức xác minh"),
        choices=VerificationMethod.choices,
        widget=forms.RadioSelect,
    )


class RegistrationDetailsForm(CaptchaMixin, PortalForm):
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=150)
    id_number = CccdField(label=gettext_lazy("Số định danh cá nhân (CCCD)"))
    date_of_birth = forms.DateField(
        label=gettext_lazy("Ngày sinh"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Ngày sinh không hợp lệ.")},
    )
    phone = MobilePhoneField(label=gettext_lazy("Số điện thoại di động"))
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        error_messages={"invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ.")},
    )
    enterprise_code = forms.CharField(label=gettext_lazy("Mã số doanh nghiệp"), max_length=14)
    organisation_name = forms.CharField(label=gettext_lazy("Tên tổ chức"), max_length=255)
    agency_code = forms.CharField(label=gettext_lazy("Mã định danh cơ quan"), max_length=40)
    social_insurance_code = forms.CharField(
        label=gettext_lazy("Mã số bảo hiểm xã hội"), max_length=10
    )
    field_order = [
        "full_name",
        "id_number",
        "date_of_birth",
        "phone",
        "email",
        "organisation_name",
        "enterprise_code",
        "agency_code",
        "social_insurance_code",
        "captcha",
    ]

    def __init__(self, *args, account_type: str, method: str, existence_check=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.method = method
        # Counts one "does an account exist?" answer and says whether it may be given
        # (a rate limit); None: no limit.
        self.existence_check = existence_check
        self.rate_limited = False
        if account_type != AccountType.BUSINESS:
            del self.fields["enterprise_code"]
        if account_type != AccountType.AGENCY:
            del self.fields["agency_code"]
        if account_type == AccountType.CITIZEN:
            del self.fields["organisation_name"]
        if method != VerificationMethod.SOCIAL_INSURANCE:
            del self.fields["social_insurance_code"]

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2 or any(ch.isdigit() for ch in name):
            raise ValidationError(_("Họ và tên không hợp lệ."))
        return name

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > dt.date.today() or born.year < 1900:
            raise ValidationError(_("Ngày sinh không hợp lệ."))
        return born

    def clean_phone(self):
        return self.cleaned_data["phone"]

    def clean_enterprise_code(self):
        return validate_enterprise_code(self.cleaned_data["enterprise_code"])

    def clean_social_insurance_code(self):
        code = self.cleaned_data["social_insurance_code"].strip()
        if not (code.isdigit() and len(code) == 10):
            raise ValidationError(_("Mã số bảo hiểm xã hội gồm 10 chữ số."))
        return code

    def clean(self):
        data = super().clean()
        raw_id = data.get("id_number")
        if raw_id is not None:
            try:  # the field checked the number; its birth digits must match the date of birth
                data["id_number"] = validate_cccd(raw_id, data.get("date_of_birth"))
            except ValidationError as exc:
                self.add_error("id_number", exc)
        self._check_taken(data)
        if not self.errors and self.method == VerificationMethod.SOCIAL_INSURANCE:
            self._check_social_insurance(data)
        return data

    def _check_taken(self, data):
        """Say that an account exists only after a right captcha and within the rate limit,
        so the form cannot be used to find out who has an account."""
        if "captcha" in self.errors:
            return
        if self.existence_check is not None and not self.existence_check():
            self.rate_limited = True
            self.add_error(None, _("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau một giờ."))
            return
        if "id_number" not in self.errors and id_number_taken(data["id_number"]):
            self.add_error("id_number", _("Số định danh cá nhân này đã có tài khoản."))
        if "phone" not in self.errors and phone_taken(data["phone"]):
            self.add_error("phone", _("Số điện thoại này đã được dùng cho tài khoản khác."))

    def _check_social_insurance(self, data):
        try:
            answer = get_identity_provider().check_social_insurance(
                code=data["social_insurance_code"],
                id_number=data["id_number"],
                full_name=data["full_name"],
                date_of_birth=data["date_of_birth"],
            )
        except IdentityProviderError:
            self.add_error(
                None, _("Chưa kết nối được cơ sở dữ liệu bảo hiểm xã hội. Vui lòng thử lại sau.")
            )
            return
        if not answer.matched:
            self.add_error(
                "social_insurance_code",
                _("Mã số bảo hiểm xã hội không khớp với họ tên, ngày sinh và số định danh."),
            )

    def session_data(self) -> dict:
        """Return the cleaned data as JSON-safe values for the wizard's session state."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "captcha"}
        data["date_of_birth"] = data["date_of_birth"].isoformat()
        return data


class OtpForm(PortalForm):
    code = forms.CharField(
        label=gettext_lazy("Mã OTP"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={
            "min_length": gettext_lazy("Mã OTP gồm 6 chữ số."),
            "max_length": gettext_lazy("Mã OTP gồm 6 chữ số."),
        },
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise ValidationError(_("Mã OTP gồm 6 chữ số."))
        return code


def _is_phone_or_id(password: str, phone: str | None, id_number: str | None) -> bool:
    compact = re.sub(r"[\s.\-+()]", "", password)
    forbidden = {id_number}
    if phone and phone.startswith("+84"):
        forbidden |= {phone[1:], "0" + phone[3:], phone[3:]}
    return compact in {value for value in forbidden if value}


def validate_new_password(
    password: str, *, phone: str | None, id_number: str | None, user=None
) -> None:
    """Check the portal's password rules; raise ValidationError with Vietnamese messages."""
    errors = []
    if _is_phone_or_id(password, phone, id_number):
        errors.append(_("Mật khẩu không được là số điện thoại hoặc số định danh."))
    if len(password) < 8:
        errors.append(_("Mật khẩu phải có ít nhất 8 ký tự."))
    try:
        candidate = user or get_user_model()(username=id_number or "", phone=phone)
        password_validation.validate_password(password, candidate)
    except ValidationError:  # Django's common/numeric/similarity checks, in one message
        if not errors:
            errors.append(_("Mật khẩu quá phổ biến hoặc dễ đoán, vui lòng chọn mật khẩu khác."))
    if errors:
        raise ValidationError(errors)


class NewPasswordForm(PortalForm):
    password1 = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=gettext_lazy("Ít nhất 8 ký tự, không phải số điện thoại hay số định danh."),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, phone=None, id_number=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.phone, self.id_number, self.user = phone, id_number, user

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        validate_new_password(password, phone=self.phone, id_number=self.id_number, user=self.user)
        return password

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Hai mật khẩu không giống nhau."))
        return data


class LoginForm(PortalForm):
    identifier = forms.CharField(
        label=gettext_lazy("Số định danh cá nhân hoặc số điện thoại"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=gettext_lazy("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, officer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if officer:  # officers sign in with the username the administrator gave them
            self.fields["identifier"].label = gettext_lazy("Tên đăng nhập cán bộ")


class LoginCaptchaForm(CaptchaMixin, LoginForm):
    """The login form once the account had too many failures: the captcha comes first."""

    field_order = ["identifier", "password", "captcha"]


class ForgotPasswordForm(CaptchaMixin, PortalForm):
    identifier = forms.CharField(
        label=gettext_lazy("Số định danh cá nhân hoặc số điện thoại"), max_length=150
    )
    field_order = ["identifier", "captcha"]


class ResetPasswordForm(OtpForm, NewPasswordForm):
    field_order = ["code", "password1", "password2"]


class ContactForm(PortalForm):
    email = forms.EmailField(
        label=gettext_lazy("Thư điện tử"),
        required=False,
        error_messages={"invalid": gettext_lazy("Địa chỉ thư điện tử không hợp lệ.")},
    )
    province_code = ProvinceField(label=gettext_lazy("Tỉnh/thành phố"), required=False)
    commune_code = CommuneField(label=gettext_lazy("Xã/phường/đặc khu"), required=False)
    address_line = forms.CharField(
        label=gettext_lazy("Số nhà, đường, thôn/xóm"), max_length=255, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        link_address_fields(self, province="province_code", commune="commune_code")


class PhoneChangeForm(PortalForm):
    phone = MobilePhoneField(label=gettext_lazy("Số điện thoại di động mới"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone == self.user.phone:
            raise ValidationError(_("Đây là số điện thoại hiện tại của bạn."))
        if phone_taken(phone, exclude_pk=self.user.pk):
            raise ValidationError(_("Số điện thoại này đã được dùng cho tài khoản khác."))
        return phone


class SignatureForm(PortalForm):
    certificate = forms.CharField(label=gettext_lazy("Chứng thư số (PEM)"), widget=forms.Textarea)
    signature = forms.CharField(
        label=gettext_lazy("Chữ ký trên chuỗi thử thách (base64)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
