"""Back-office data: counter fee collection, deadline extensions and requested tracking logs
(staff roles are the accounts part's: accounts.models.StaffRole)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.models import Agency
from dichvucong.dossiers.models import Dossier


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt")
    TRANSFER = "transfer", _("Chuyển khoản")


class CounterPayment(models.Model):
    """A fee collected at the one-stop counter (partly online procedures)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="counter_payments")
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    method = models.CharField(_("hình thức"), max_length=10, choices=PaymentMethod.choices)
    receipt_number = models.CharField(_("số biên lai"), max_length=50)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ thu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    collected_at = models.DateTimeField(_("thu lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("thu phí tại quầy")
        verbose_name_plural = _("thu phí tại quầy")
        ordering = ["collected_at", "id"]

    def __str__(self) -> str:
        return f"{self.receipt_number}: {self.amount:,} đ"


class DeadlineExtension(models.Model):
    """An apology and new appointment for a late dossier (form 04), kept for reports."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="extensions")
    old_due_at = models.DateTimeField(_("hẹn trả cũ"))
    new_due_at = models.DateTimeField(_("hẹn trả mới"))
    reason = models.TextField(_("lý do chậm"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu xin lỗi và hẹn lại")
        verbose_name_plural = _("phiếu xin lỗi và hẹn lại")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.old_due_at:%d/%m/%Y} → {self.new_due_at:%d/%m/%Y}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Đang lập")
    READY = "ready", _("Đã xong")
    FAILED = "failed", _("Không lập được")


def tracking_log_path(instance: "TrackingLogExport", filename: str) -> str:
    # Random stored name, sharded by agency; the download names the file for the officer.
    return f"tracking-logs/{instance.agency_id}/{uuid.uuid4().hex}.pdf"


class TrackingLogExport(models.Model):
    """A tracking log (form 07) an officer asked for; a background task renders and stores it."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="+"
    )
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người yêu cầu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    file = models.FileField(_("tệp"), upload_to=tracking_log_path, max_length=255, blank=True)
    error = models.CharField(_("lỗi"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("sổ theo dõi hồ sơ đã yêu cầu")
        verbose_name_plural = _("sổ theo dõi hồ sơ đã yêu cầu")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="dvc_tracking_log_requester")
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"
