"""What the province owes the National Public Service Portal, and what it received from it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.models import Dossier, DossierEvent


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã đồng bộ")
    DEAD = "dead", _("Gửi không thành công")


class OutboxKind(models.TextChoices):
    CREATE = "create", _("Hồ sơ mới")
    UPDATE = "update", _("Cập nhật hồ sơ")


class OutboxEntry(models.Model):
    """One dossier event to report to DVCQG, written in the event's own transaction.

    `payload` holds the two records the event produces, as they were at that moment: the
    dossier (`HoSoDongBoDVC`) and its progress row (`QuaTrinhXuLyDongBoDVC`). Entries of one
    dossier are sent in id order; a later one waits while an earlier one is unsent.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="outbox")
    event = models.OneToOneField(
        DossierEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox"
    )
    kind = models.CharField(_("loại"), max_length=10, choices=OutboxKind.choices)
    payload = models.JSONField(_("nội dung gửi"))
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=OutboxState.choices,
        default=OutboxState.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    next_attempt_at = models.DateTimeField(_("gửi lại lúc"), null=True, blank=True)
    last_error = models.CharField(_("lỗi gần nhất"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sent_at = models.DateTimeField(_("đồng bộ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bản tin đồng bộ DVCQG")
        verbose_name_plural = _("bản tin đồng bộ DVCQG")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["state", "id"], name="interop_outbox_state_id"),
            models.Index(fields=["dossier", "state"], name="interop_outbox_dossier_state"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} #{self.pk} {self.state}"


class InboundDossier(models.Model):
    """A dossier filed on the national portal and opened here: its national code, once."""

    national_code = models.CharField(_("mã hồ sơ quốc gia"), max_length=40, unique=True)
    dossier = models.OneToOneField(
        Dossier, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound"
    )
    received_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("đã báo nhận lúc"), null=True, blank=True)
    refused_reason = models.CharField(_("lý do không nhận"), max_length=300, blank=True)
    payload = models.JSONField(_("dữ liệu nhận được"), default=dict)

    class Meta:
        verbose_name = _("hồ sơ nhận từ DVCQG")
        verbose_name_plural = _("hồ sơ nhận từ DVCQG")

    def __str__(self) -> str:
        return self.national_code


class SyncReconciliation(models.Model):
    """One day's comparison, per agency, of dossiers here with those DVCQG acknowledged."""

    made_at = models.DateTimeField(_("đối soát lúc"), auto_now_add=True)
    rows = models.JSONField(_("kết quả theo cơ quan"), default=list)
    never_synced = models.JSONField(_("hồ sơ chưa từng đồng bộ"), default=list)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("đối soát đồng bộ DVCQG")
        verbose_name_plural = _("đối soát đồng bộ DVCQG")
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.made_at:%Y-%m-%d %H:%M}"
