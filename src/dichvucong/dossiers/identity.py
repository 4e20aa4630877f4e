"""Who may submit a dossier online: an account verified at the procedure's identity level
(`Procedure.min_identity_level`, default medium). The one home of the rule: the wizard's last
step tells the applicant before they press "Nộp hồ sơ" and `dossier_submit` refuses."""

from django.utils.translation import gettext as _

from dichvucong.accounts.models import VerificationStatus
from dichvucong.accounts.selectors import has_verification_level
from dichvucong.catalog.models import IdentityLevel, Procedure


def identity_gap(user, procedure: Procedure) -> str | None:
    """Return why this account may not submit to this procedure yet (Vietnamese), or None."""
    level = procedure.min_identity_level or IdentityLevel.MEDIUM
    if level == IdentityLevel.NONE or has_verification_level(user, level):
        return None
    if getattr(user, "verification_status", None) != VerificationStatus.VERIFIED:
        return _(
            "Tài khoản của ông/bà chưa được xác minh danh tính nên chưa thể nộp hồ sơ. "
            "Hồ sơ được lưu nháp; vui lòng hoàn tất xác minh (tại trang Tài khoản, hoặc mang "
            "căn cước đến bưu điện hay Bộ phận Một cửa để cán bộ xác minh), rồi quay lại nộp."
        )
    return _(
        "Thủ tục này yêu cầu tài khoản xác minh danh tính %(level)s. Hồ sơ được lưu nháp; "
        "vui lòng nâng mức xác minh tại trang Tài khoản rồi quay lại nộp."
    ) % {"level": IdentityLevel(level).label}
