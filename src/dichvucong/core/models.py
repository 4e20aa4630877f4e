"""Shared models: the province running the portal and the audit log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base with creation and modification times."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class Province(models.Model):
    """The province running this portal: its names and its public administration centre."""

    code = models.CharField(_("mã tỉnh"), max_length=10, unique=True)
    name = models.CharField(_("tên tỉnh"), max_length=100)
    portal_name = models.CharField(_("tên cổng"), max_length=200)
    centre_name = models.CharField(_("trung tâm phục vụ hành chính công"), max_length=200)
    centre_address = models.CharField(_("địa chỉ trung tâm"), max_length=300)
    hotline = models.CharField(_("đường dây nóng"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    office_hours = models.CharField(_("giờ làm việc"), max_length=200, blank=True)
    is_current = models.BooleanField(_("tỉnh đang vận hành cổng"), default=True)

    class Meta:
        verbose_name = _("tỉnh")
        verbose_name_plural = _("tỉnh")

    def __str__(self) -> str:
        return self.name


class AuditLog(models.Model):
    """One append-only row for every officer action and every sensitive event."""

    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("hành động"), max_length=100, db_index=True)
    target_type = models.CharField(_("loại đối tượng"), max_length=100, blank=True)
    target_id = models.CharField(_("mã đối tượng"), max_length=100, blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "off", _("Ngày nghỉ thêm")
    WORKING_DAY = "work", _("Ngày làm việc bù")


class CalendarDay(models.Model):
    """A day that differs from the national rule: an extra day off or a make-up working day."""

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=4, choices=CalendarDayKind.choices)
    name = models.CharField(_("lý do"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}"


class RateCounter(models.Model):
    """One rate-limit counter (failed logins, OTP tries, lookups), shared by every process.

    Rows are changed under a row lock, so a check and its increment are one step on SQLite
    and PostgreSQL alike (the database cache's incr is a read and a write).
    """

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("bộ đếm giới hạn")
        verbose_name_plural = _("bộ đếm giới hạn")

    def __str__(self) -> str:
        return f"{self.key}={self.count}"


class SystemValue(models.Model):
    """A small named value the portal's processes share (a digest, a heartbeat)."""

    key = models.CharField(_("khóa"), max_length=100, unique=True)
    value = models.TextField(_("giá trị"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"))

    class Meta:
        verbose_name = _("giá trị hệ thống")
        verbose_name_plural = _("giá trị hệ thống")

    def __str__(self) -> str:
        return self.key
