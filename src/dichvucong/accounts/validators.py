"""Checks for Vietnamese identity data: CCCD structure, mobile numbers, enterprise codes."""

import datetime as dt

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The 63 province codes used in the first three digits of a CCCD (pre-2025 provinces).
CCCD_PROVINCE_CODES = frozenset(
    {
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    }
)


def century_digit(birth_year: int, *, female: bool) -> int:
    """Return the CCCD 4th digit for a birth year and sex (0/1 = 1900s, 2/3 = 2000s, …)."""
    return ((birth_year // 100) - 19) * 2 + (1 if female else 0)


def validate_cccd(value: str, date_of_birth: dt.date | None = None) -> str:
    """Check a 12-digit CCCD number's structure; return it cleaned."""
    number = (value or "").strip().replace(" ", "")
    if len(number) != 12 or not number.isdigit():
        raise ValidationError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="format")
    if number[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu (mã tỉnh nơi đăng ký khai sinh) không hợp lệ."), code="province"
        )
    if date_of_birth is not None:
        year = date_of_birth.year
        digit = int(number[3])
        if digit // 2 != (year // 100) - 19:
            raise ValidationError(
                _("Chữ số thứ tư (thế kỷ và giới tính) không khớp với năm sinh."), code="century"
            )
        if number[4:6] != f"{year % 100:02d}":
            raise ValidationError(
                _("Chữ số thứ năm và sáu phải là hai số cuối của năm sinh."), code="year"
            )
    return number


def normalise_vn_mobile(value: str) -> str:
    """Return a Vietnamese mobile number in E.164 (+84…), or raise ValidationError."""
    raw = (value or "").strip()
    message = _("Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912 345 678).")
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(message, code="phone") from exc
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="phone")
    if phonenumbers.number_type(number) != phonenumbers.PhoneNumberType.MOBILE:
        raise ValidationError(message, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """Return an E.164 number in the national format people read (0912 345 678)."""
    try:
        number = phonenumbers.parse(e164, "VN")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def validate_enterprise_code(value: str) -> str:
    """Check an enterprise code: 10 digits, or 13 for a branch (10 digits, '-', 3 digits)."""
    code = (value or "").strip().replace("-", "").replace(" ", "")
    if not code.isdigit() or len(code) not in (10, 13):
        raise ValidationError(_("Mã số doanh nghiệp gồm 10 hoặc 13 chữ số."), code="enterprise")
    return code
