"""Demo officers of one agency: counter officer, specialist, leader and identity clerk (who
checks ID papers for accounts registered by the post-office method), with their roles."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count

from dichvucong.accounts.models import AccountType, StaffRoleKind
from dichvucong.accounts.services import grant_staff_role
from dichvucong.catalog.models import Agency
from dichvucong.demo.registry import DemoLogin, DemoReport

DEMO_PASSWORD = "CanBo-MinhHoa-2026"  # noqa: S105 - printed for people trying the demo
OFFICERS = (
    ("canbo.motcua", "Lê Thị Mai", StaffRoleKind.COUNTER, "Cán bộ một cửa"),
    ("canbo.chuyenvien", "Phạm Văn Hùng", StaffRoleKind.SPECIALIST, "Chuyên viên xử lý"),
    ("canbo.lanhdao", "Nguyễn Văn Thành", StaffRoleKind.LEADER, "Lãnh đạo phê duyệt"),
    ("canbo.xacminh", "Trần Thị Hoa", StaffRoleKind.IDENTITY_CLERK, "Cán bộ xác minh danh tính"),
)
PUBLISHED_LOGINS = [(username, DEMO_PASSWORD) for username, *_ in OFFICERS]


def demo_agency() -> Agency | None:
    """Return the agency handling the most procedures (the demo's busiest counter)."""
    return Agency.objects.annotate(n=Count("procedures")).order_by("-n", "pk").first()


@transaction.atomic
def load(report: DemoReport) -> None:
    agency = demo_agency()
    if agency is None:
        report.lines.append("Cán bộ: bỏ qua (danh mục chưa có cơ quan)")
        return
    users = get_user_model().objects
    for username, name, role, label in OFFICERS:
        user, created = users.get_or_create(
            username=username,
            defaults={
                "full_name": name,
                "account_type": AccountType.AGENCY,
                "agency_code": agency.code,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        grant_staff_role(user=user, agency=agency, role=role)
        report.logins.append(DemoLogin(role=label, username=username, password=DEMO_PASSWORD))
    report.lines.append(f"Cán bộ: {len(OFFICERS)} tài khoản tại {agency.name}")
