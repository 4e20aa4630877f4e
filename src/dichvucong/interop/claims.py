"""The one mapping from national sign-in claims (DVCQG/VNeID names, NATIONAL.md §3) to the
person the accounts app links or creates."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.models import AccountType
from dichvucong.accounts.services import NationalPerson
from dichvucong.core.vn.identity import (
    looks_like_cccd,
    national_date,
    normalise_cccd,
    validate_enterprise_code,
)
from dichvucong.core.vn.phones import normalise_mobile
from dichvucong.interop.sso import SsoError

MISSING_CLAIMS = _(
    "Hệ thống định danh không gửi đủ thông tin (số định danh, họ và tên). Tài khoản chưa được "
    "tạo; vui lòng thử lại hoặc liên hệ bộ phận một cửa."
)
# LoaiTaiKhoan: 1 citizen, 2 business (matched on the tax code), 3 organisation.
ACCOUNT_TYPES = {"1": AccountType.CITIZEN, "2": AccountType.BUSINESS, "3": AccountType.AGENCY}


def assurance_level(claims: dict[str, Any]) -> int | None:
    """The highest level in `loAs` / `IAL` / `acr` ("LoA2", ["LoA1", "LoA2"], "2", 2 …)."""
    levels = []
    for name in ("loAs", "IAL", "acr"):
        value = claims.get(name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, int) and not isinstance(item, bool):
                levels.append(item)
            elif isinstance(item, str) and (match := re.search(r"(\d)\s*$", item)):
                levels.append(int(match.group(1)))
    return max(levels) if levels else None


def person_from_claims(provider_id: str, claims: dict[str, Any]) -> NationalPerson:
    """Map the claims; raise SsoError (no account is touched) when the essentials are missing."""
    kind = ACCOUNT_TYPES.get(str(claims.get("LoaiTaiKhoan") or "1"), AccountType.CITIZEN)
    number = str(claims.get("SoDinhDanh") or "").strip().replace(" ", "")
    name = " ".join(str(claims.get("HoVaTen") or "").split())
    subject = str(claims.get("sub") or "").strip()
    if kind == AccountType.BUSINESS:
        try:
            number, valid_number = validate_enterprise_code(number), True
        except ValidationError:
            valid_number = False
    else:
        valid_number = looks_like_cccd(number)
        number = normalise_cccd(number) if valid_number else number
    if not (subject and name and valid_number):
        raise SsoError(MISSING_CLAIMS, f"{provider_id}: missing or bad claims {sorted(claims)}")
    return NationalPerson(
        provider=provider_id,
        subject=subject,
        account_type=kind,
        id_number=number,
        full_name=name[:150],
        date_of_birth=national_date(claims.get("NgayThangNamSinh")),
        tech_id=str(claims.get("TechID") or "")[:255],
        level=assurance_level(claims),
        phone=_phone(claims.get("phone_number") or claims.get("SoDienThoai")),
        email=str(claims.get("email") or "")[:254],
    )


def _phone(value: Any) -> str:
    try:
        return normalise_mobile(str(value or "")) if value else ""
    except ValidationError:
        return ""
