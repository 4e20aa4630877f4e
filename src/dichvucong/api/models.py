"""Agency systems that call the API: one row per client, its token stored only as a digest."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.core.models import TimeStampedModel


class Scope(models.TextChoices):
    DOSSIERS_READ = "dossiers:read", _("Đọc hồ sơ của cơ quan")
    DOSSIERS_WRITE = "dossiers:write", _("Cập nhật trạng thái hồ sơ của cơ quan")


class ApiClient(TimeStampedModel):
    """An agency's system: acts as its service user, sees only its agency's dossiers."""

    name = models.CharField(_("tên hệ thống"), max_length=200)
    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, related_name="api_clients"
    )
    # The machine checks this user's staff roles in the agency; it has no usable password.
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    token_prefix = models.CharField(_("đầu mã truy cập"), max_length=12)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("phạm vi"), default=list)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("hệ thống kết nối API")
        verbose_name_plural = _("hệ thống kết nối API")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])
