"""A paper kept in a citizen's e-document store, with its metadata."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredPaperOrigin(models.TextChoices):
    ACCEPTED = "accepted", _("Giấy tờ đã được tiếp nhận")
    RESULT = "result", _("Kết quả giải quyết")
    OWN = "own", _("Tự tải lên")
    NATIONAL = "national", _("Kho dữ liệu quốc gia")


def stored_paper_path(instance: "StoredPaper", filename: str) -> str:
    # Only the citizen's own uploads and pulled papers get a file of their own.
    return f"store/{instance.owner_id}/{uuid.uuid4().hex}{instance.extension}"


class StoredPaper(models.Model):
    """One paper of a citizen's store (TH `GiayToSoHoa`: number, issuer, date, validity)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ giấy tờ"),
        on_delete=models.CASCADE,
        related_name="stored_papers",
    )
    origin = models.CharField(_("nguồn"), max_length=10, choices=StoredPaperOrigin.choices)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    number = models.CharField(_("số, ký hiệu"), max_length=100, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    valid_until = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    # The catalog paper it was accepted for: its stable code and name find it again.
    paper_code = models.CharField(_("mã giấy tờ"), max_length=80, blank=True)
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("hồ sơ nguồn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_attachment = models.ForeignKey(
        "dossiers.Attachment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_code = models.CharField(_("mã kết quả"), max_length=80, blank=True)
    national_code = models.CharField(_("mã giấy tờ kho quốc gia"), max_length=100, blank=True)
    national_pushed_at = models.DateTimeField(_("đã gửi kho quốc gia lúc"), null=True, blank=True)
    # The same stored name as the attachment or signed copy it came from (never a copy).
    file = models.FileField(_("tệp"), upload_to=stored_paper_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    blur_score = models.FloatField(null=True, blank=True)
    signature_state = models.CharField(max_length=12, blank=True, default="")
    signature_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("đưa vào kho lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("giấy tờ trong kho")
        verbose_name_plural = _("giấy tờ trong kho")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "sha256"], name="uniq_stored_paper_bytes")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.width is not None
