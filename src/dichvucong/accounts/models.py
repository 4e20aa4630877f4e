"""The portal's user (a citizen, a business, a state agency, or an officer) and the staff roles
an officer holds per agency."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.models import Agency


class AccountType(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    BUSINESS = "business", _("Doanh nghiệp")
    AGENCY = "agency", _("Cơ quan nhà nước")


class VerificationMethod(models.TextChoices):
    PHONE = "phone", _("Thuê bao di động")
    SOCIAL_INSURANCE = "social_insurance", _("Mã số bảo hiểm xã hội")
    POST_OFFICE = "post_office", _("Bưu điện")
    USB_TOKEN = "usb_token", _("USB ký số")
    SIM_SIGNATURE = "sim_signature", _("SIM ký số")


class VerificationLevel(models.TextChoices):
    NONE = "none", _("Chưa xác minh")
    MEDIUM = "medium", _("Trung bình")
    HIGH = "high", _("Cao")


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Chờ xác minh")
    VERIFIED = "verified", _("Đã xác minh")


class User(AbstractUser):
    """An account of the National Public Service Portal as this province sees it."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    account_type = models.CharField(
        _("loại tài khoản"),
        max_length=10,
        choices=AccountType.choices,
        default=AccountType.CITIZEN,
    )
    id_number = models.CharField(
        _("số định danh cá nhân"), max_length=12, unique=True, null=True, blank=True
    )
    phone = models.CharField(_("số điện thoại"), max_length=20, unique=True, null=True, blank=True)
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    enterprise_code = models.CharField(_("mã số doanh nghiệp"), max_length=13, blank=True)
    organisation_name = models.CharField(_("tên tổ chức"), max_length=255, blank=True)
    agency_code = models.CharField(_("mã cơ quan"), max_length=40, blank=True)
    verification_method = models.CharField(
        _("phương thức xác minh"), max_length=20, choices=VerificationMethod.choices, blank=True
    )
    verification_level = models.CharField(
        _("mức độ xác minh"),
        max_length=10,
        choices=VerificationLevel.choices,
        default=VerificationLevel.NONE,
    )
    verification_status = models.CharField(
        _("trạng thái xác minh"),
        max_length=10,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    verified_at = models.DateTimeField(_("xác minh lúc"), null=True, blank=True)
    verified_by = models.ForeignKey(
        "self",
        verbose_name=_("người xác minh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    province_code = models.CharField(_("tỉnh/thành phố"), max_length=10, blank=True)
    commune_code = models.CharField(_("xã/phường"), max_length=10, blank=True)
    address_line = models.CharField(_("số nhà, đường, thôn/xóm"), max_length=255, blank=True)
    social_insurance_code = models.CharField(_("mã số bảo hiểm xã hội"), max_length=10, blank=True)
    certificate_fingerprint = models.CharField(
        _("dấu vân tay chứng thư số"),
        max_length=64,
        blank=True,
        help_text=_("SHA-256 của chứng thư số đã dùng để xác minh."),
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")
        permissions = [("verify_identity", _("Xác minh danh tính công dân tại bưu điện/quầy"))]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name()


class StaffRoleKind(models.TextChoices):
    COUNTER = "counter", _("Cán bộ một cửa (tiếp nhận, trả kết quả)")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    LEADER = "leader", _("Lãnh đạo phê duyệt")
    ADMIN = "admin", _("Quản trị đơn vị")
    IDENTITY_CLERK = "identity_clerk", _("Cán bộ xác minh danh tính")


class StaffRole(models.Model):
    """One role an officer holds in one agency; officers act only on their agencies' dossiers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ"),
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="staff_roles"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=StaffRoleKind.choices)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("vai trò cán bộ")
        verbose_name_plural = _("vai trò cán bộ")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="uniq_staff_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class NationalIdentity(models.Model):
    """A local account's link to a national sign-in (VNeID / DVCQG): who the provider says the
    person is, and the level of assurance it vouched for at the last sign-in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="national_identities",
    )
    provider = models.CharField(_("nhà cung cấp định danh"), max_length=20)
    subject = models.CharField(_("mã định danh tại nhà cung cấp (sub)"), max_length=255)
    tech_id = models.CharField(_("TechID"), max_length=255, blank=True)
    level = models.PositiveSmallIntegerField(_("mức định danh"), null=True, blank=True)
    linked_at = models.DateTimeField(_("liên kết lúc"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("đăng nhập gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("liên kết định danh quốc gia")
        verbose_name_plural = _("liên kết định danh quốc gia")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="uniq_national_subject")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.provider} · {self.level}"
