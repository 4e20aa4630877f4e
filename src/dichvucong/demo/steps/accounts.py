"""The demo citizen: a verified account to log in with right away."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dichvucong.accounts.models import (
    AccountType,
    VerificationLevel,
    VerificationMethod,
    VerificationStatus,
)
from dichvucong.demo.registry import DemoLogin, DemoReport

CITIZEN = {
    "id_number": "060190001234",
    "full_name": "Trần Thị Minh Thư",
    "phone": "+84912000111",
    "email": "minhthu@example.vn",
    "date_of_birth": "1990-04-12",
    "province_code": "68",
    "address_line": "Số 12 Trần Hưng Đạo",
}
CITIZEN_PASSWORD = "CongDan@2026"  # noqa: S105 (published demo login)
PUBLISHED_LOGINS = [(CITIZEN["id_number"], CITIZEN_PASSWORD)]


@transaction.atomic
def load(report: DemoReport) -> None:
    user, created = get_user_model().objects.update_or_create(
        username=CITIZEN["id_number"],
        defaults=CITIZEN
        | {
            "account_type": AccountType.CITIZEN,
            "verification_method": VerificationMethod.PHONE,
            "verification_level": VerificationLevel.MEDIUM,
            "verification_status": VerificationStatus.VERIFIED,
            "is_active": True,
        },
    )
    if created or not user.verified_at:
        user.verified_at = timezone.now()
    user.set_password(CITIZEN_PASSWORD)
    user.save()
    report.lines.append(f"Công dân minh họa: {user.full_name}")
    report.lines.append(
        "Đăng ký thử bằng mã BHXH: Lê Văn Hải, CCCD 060085004321, "
        "sinh 30/09/1985, mã BHXH 6021098765"
    )
    report.logins.append(
        DemoLogin(role="Công dân", username="0912000111", password=CITIZEN_PASSWORD)
    )
