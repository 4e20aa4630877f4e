"""Personal identification numbers (CCCD, số định danh cá nhân) and enterprise codes.

A CCCD has 12 digits: 3 for the province where the birth was registered (the 63 codes of
the provinces before 2025, which the numbers keep), 1 for century and sex (0/1 = born in
the 1900s, 2/3 = the 2000s, …; even for men), 2 for the year of birth, 6 random.
"""

import datetime as dt
import re

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
_SEPARATORS = re.compile(r"[\s.\-]")


def century_digit(birth_year: int, *, female: bool) -> int:
    """Return the CCCD 4th digit for a birth year and sex (0/1 = 1900s, 2/3 = 2000s, …)."""
    return ((birth_year // 100) - 19) * 2 + (1 if female else 0)


def normalise_cccd(value: str) -> str:
    """Return the number as typed without spaces, dots or dashes (no check)."""
    return _SEPARATORS.sub("", value or "")


def looks_like_cccd(value: str) -> bool:
    """Return True when the value has a CCCD's shape (12 digits once separators go)."""
    number = normalise_cccd(value)
    return len(number) == 12 and number.isdigit() and number.isascii()


def validate_cccd(value: str, date_of_birth: dt.date | None = None) -> str:
    """Check a CCCD's structure (and its birth digits against a date of birth); return it clean."""
    number = normalise_cccd(value)
    if not looks_like_cccd(number):
        raise ValidationError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="format")
    if number[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu (mã tỉnh nơi đăng ký khai sinh) không hợp lệ."), code="province"
        )
    if date_of_birth is None:
        return number
    year = date_of_birth.year
    if int(number[3]) // 2 != (year // 100) - 19:
        raise ValidationError(
            _("Chữ số thứ tư (thế kỷ và giới tính) không khớp với năm sinh."), code="century"
        )
    if number[4:6] != f"{year % 100:02d}":
        raise ValidationError(
            _("Chữ số thứ năm và sáu phải là hai số cuối của năm sinh."), code="year"
        )
    return number


def validate_enterprise_code(value: str) -> str:
    """Check an enterprise code: 10 digits, or 13 for a branch (10 digits, '-', 3 digits)."""
    code = (value or "").strip().replace("-", "").replace(" ", "")
    if not code.isdigit() or len(code) not in (10, 13):
        raise ValidationError(_("Mã số doanh nghiệp gồm 10 hoặc 13 chữ số."), code="enterprise")
    return code


def national_date(value) -> dt.date | None:
    """Return a date as national systems send it (`yyyy-mm-dd`, `dd/mm/yyyy`, `yyyymmdd`,
    `dd-mm-yyyy`; VNeID claims, the population database), or None."""
    text = str(value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    return None
