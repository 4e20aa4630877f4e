"""Outgoing messages: SMS with their delivery log, and editable message templates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageChannel(models.TextChoices):
    SMS = "sms", _("Tin nhắn SMS")
    EMAIL = "email", _("Thư điện tử")
    IN_APP = "in_app", _("Thông báo trên cổng")


class MessageTemplate(models.Model):
    """A message text with {placeholders}, editable in the admin."""

    code = models.SlugField(_("mã mẫu"), max_length=80)
    channel = models.CharField(_("kênh"), max_length=10, choices=MessageChannel.choices)
    subject = models.CharField(_("tiêu đề (thư điện tử)"), max_length=200, blank=True)
    body = models.TextField(
        _("nội dung"),
        help_text=_(
            "Dùng {ten_bien} để chèn thông tin, ví dụ {ma_ho_so}; mỗi mẫu có danh sách biến "
            "riêng (xem bên dưới và docs/ARCHITECTURE.md)."
        ),
    )
    description = models.CharField(_("mô tả"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mẫu tin nhắn")
        verbose_name_plural = _("mẫu tin nhắn")
        constraints = [
            models.UniqueConstraint(fields=["code", "channel"], name="uniq_template_per_channel")
        ]
        ordering = ["code", "channel"]

    def __str__(self) -> str:
        return f"{self.code} ({self.get_channel_display()})"

    def clean(self) -> None:
        """Refuse a code the portal never sends, a channel it is not sent on, unknown variables."""
        from dichvucong.notifications.messages import message_kind, template_problems

        kind = message_kind(self.code)
        if kind is None:
            raise ValidationError(
                {
                    "code": _("Hệ thống không gửi tin nào theo mã mẫu “%(code)s”.")
                    % {"code": self.code}
                }
            )
        if self.channel not in kind.channels:
            raise ValidationError(
                {
                    "channel": _("Mẫu “%(code)s” không được gửi qua kênh “%(channel)s”.")
                    % {"code": self.code, "channel": self.get_channel_display()}
                }
            )
        errors = {
            field: problems
            for field in ("subject", "body")
            if (problems := template_problems(getattr(self, field), kind.placeholders))
        }
        if errors:
            raise ValidationError(errors)


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    RETRYING = "retrying", _("Đang thử lại")
    FAILED = "failed", _("Gửi thất bại")


class SmsMessage(models.Model):
    """One SMS and its delivery log. OTP texts are never kept after sending (see services)."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True, db_index=True)
    phone = models.CharField(_("số điện thoại"), max_length=20)
    text = models.TextField(_("nội dung"))
    purpose = models.CharField(_("mục đích"), max_length=40, db_index=True)
    is_secret = models.BooleanField(_("chứa mã bí mật"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=SmsStatus.choices, default=SmsStatus.QUEUED
    )
    provider = models.CharField(_("nhà cung cấp"), max_length=30, blank=True)
    provider_message_id = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dossier_id = models.BigIntegerField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("tin nhắn SMS")
        verbose_name_plural = _("tin nhắn SMS")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.masked_phone} {self.purpose} {self.status}"

    @property
    def masked_phone(self) -> str:
        """Return the phone with the middle digits hidden, for logs and the admin."""
        digits = self.phone
        if len(digits) <= 7:
            return "***"
        return digits[:4] + "*" * (len(digits) - 7) + digits[-3:]
