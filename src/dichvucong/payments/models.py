"""Fees charged on dossiers: payments (one row per attempt), their event log and exemptions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.models import Attachment, Dossier


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Thanh toán không thành công")
    CANCELLED = "cancelled", _("Đã hủy")
    EXPIRED = "expired", _("Hết hạn")


class PaymentPurpose(models.TextChoices):
    SUBMISSION = "submission", _("Phí, lệ phí nộp cùng hồ sơ")
    OFFICER_REQUEST = "officer_request", _("Nghĩa vụ tài chính theo yêu cầu")
    COUNTER = "counter", _("Nộp tại Bộ phận Một cửa")


class Payment(models.Model):
    """One attempt to collect a fee of a dossier, through one provider, with one order ref."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    purpose = models.CharField(_("mục đích"), max_length=20, choices=PaymentPurpose.choices)
    provider = models.CharField(_("kênh thanh toán"), max_length=20, blank=True)
    order_ref = models.CharField(_("mã giao dịch"), max_length=40, unique=True)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        db_index=True,
    )
    description = models.CharField(_("nội dung"), max_length=255)
    gateway_txn_no = models.CharField(_("mã giao dịch tại cổng"), max_length=64, blank=True)
    needs_refund = models.BooleanField(_("cần hoàn tiền"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    started_at = models.DateTimeField(_("chuyển sang cổng lúc"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    start_data = models.JSONField(_("dữ liệu khởi tạo tại cổng"), default=dict, blank=True)
    last_ipn = models.JSONField(_("thông báo gần nhất từ cổng"), default=dict, blank=True)
    receipt = models.OneToOneField(
        Attachment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="payment",
        verbose_name=_("biên lai"),
    )

    class Meta:
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = _("giao dịch thanh toán")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "started_at"]),
            models.Index(fields=["dossier", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.order_ref} {self.amount:,} đ {self.status}"


class PaymentEvent(models.Model):
    """Append-only log of everything that happened to a payment."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(_("sự kiện"), max_length=40)
    source = models.CharField(_("nguồn"), max_length=20, blank=True)
    from_status = models.CharField(max_length=10, blank=True)
    to_status = models.CharField(max_length=10, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("sự kiện thanh toán")
        verbose_name_plural = _("sự kiện thanh toán")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.payment_id} {self.kind}"


class FeeExemption(models.Model):
    """An officer's decision that a dossier's fee is waived, with the reason."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="fee_exemption")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cán bộ quyết định"),
    )
    reason = models.TextField(_("lý do miễn, giảm"))
    amount = models.PositiveBigIntegerField(_("số tiền được miễn (đồng)"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("miễn phí, lệ phí")
        verbose_name_plural = _("miễn phí, lệ phí")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.amount:,} đ"
