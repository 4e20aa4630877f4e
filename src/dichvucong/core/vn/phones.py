"""Vietnamese phone numbers: one parser, two rules (mobile / any number), one display format.

Numbers are stored in E.164 (`+84912345678`). A mobile is required where an SMS must reach
the number (registration, OTP, phone change, counter intake); any valid Vietnamese number,
fixed line included (0252 3847 111), is fine for contact phones and delivery recipients.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_MOBILE = {phonenumbers.PhoneNumberType.MOBILE}
_ANY = _MOBILE | {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def _normalise(value: str, kinds: set, message: str) -> str:
    try:
        number = phonenumbers.parse((value or "").strip(), "VN")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(message, code="phone") from exc
    if (
        number.country_code != 84
        or not phonenumbers.is_valid_number(number)
        or phonenumbers.number_type(number) not in kinds
    ):
        raise ValidationError(message, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_mobile(value: str) -> str:
    """Return a Vietnamese mobile number in E.164 (+84…), or raise ValidationError."""
    return _normalise(
        value, _MOBILE, _("Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912 345 678).")
    )


def normalise_phone(value: str) -> str:
    """Return any Vietnamese mobile or fixed-line number in E.164, or raise ValidationError."""
    return _normalise(
        value, _ANY, _("Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc 0252 3847 111).")
    )


def display_phone(value: str) -> str:
    """Return a number in the national format people read (0912 345 678); junk unchanged."""
    try:
        number = phonenumbers.parse(value or "", "VN")
    except phonenumbers.NumberParseException:
        return value or ""
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        return value or ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
