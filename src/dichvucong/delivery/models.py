"""Postal delivery of results: one shipment per dispatch, with its append-only status log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.models import Dossier


class ShipmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Đang tạo vận đơn")
    CREATED = "created", _("Đã tạo vận đơn")
    PICKED_UP = "picked_up", _("Bưu điện đã nhận kết quả")
    IN_TRANSIT = "in_transit", _("Đang vận chuyển")
    DELIVERED = "delivered", _("Đã giao cho người nhận")
    FAILED = "failed", _("Giao không thành công")
    RETURNED = "returned", _("Chuyển hoàn về cơ quan")
    ERROR = "error", _("Không tạo được vận đơn")


ACTIVE_STATUSES = (
    ShipmentStatus.REQUESTED,
    ShipmentStatus.CREATED,
    ShipmentStatus.PICKED_UP,
    ShipmentStatus.IN_TRANSIT,
    ShipmentStatus.DELIVERED,
)


class Shipment(models.Model):
    """The dispatch of a dossier's result by post."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="shipments")
    provider = models.CharField(_("đơn vị bưu chính"), max_length=20)
    reference = models.CharField(_("mã đơn hàng"), max_length=40, unique=True)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=40, blank=True, db_index=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.REQUESTED,
    )
    fee = models.PositiveBigIntegerField(_("cước phí (đồng)"), default=0)
    address = models.JSONField(_("địa chỉ nhận"), default=dict)
    collect_originals = models.BooleanField(_("thu bản gốc khi giao"), default=False)
    originals_collected = models.BooleanField(_("bưu điện đã thu bản gốc"), default=False)
    originals_received_at = models.DateTimeField(
        _("cơ quan đã nhận bản gốc lúc"), null=True, blank=True
    )
    originals_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    delivered_at = models.DateTimeField(_("giao lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("bưu gửi kết quả")
        verbose_name_plural = _("bưu gửi kết quả")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.tracking_number or self.reference

    @property
    def may_resend(self) -> bool:
        """Tell whether the officer may hand the result to the post again (booking failed,
        delivery failed or the parcel came back)."""
        return self.status not in ACTIVE_STATUSES


class ShipmentEvent(models.Model):
    """Append-only: every status the post reported, and our own actions."""

    shipment = models.ForeignKey(Shipment, on_delete=models.PROTECT, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=12, choices=ShipmentStatus.choices)
    note = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.shipment_id} {self.status}"
