"""Dossiers (hồ sơ), their files, their append-only history and the daily code counters."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.models import Agency, Procedure, RequiredDocument
from dichvucong.core.models import TimeStampedModel


class DossierStatus(models.IntegerChoices):
    """The national statuses synced to the National Public Service Portal (0 is local only)."""

    DRAFT = 0, _("Đang soạn")
    NEW = 1, _("Mới đăng ký")
    RECEIVED = 2, _("Được tiếp nhận")
    NOT_RECEIVED = 3, _("Không được tiếp nhận")
    PROCESSING = 4, _("Đang xử lý")
    SUPPLEMENT_REQUESTED = 5, _("Yêu cầu bổ sung giấy tờ")
    PAYMENT_REQUESTED = 6, _("Yêu cầu thực hiện nghĩa vụ tài chính")
    WITHDRAWN = 7, _("Công dân yêu cầu rút hồ sơ")
    STOPPED = 8, _("Dừng xử lý")
    DONE = 9, _("Đã xử lý xong")
    RETURNED = 10, _("Đã trả kết quả")


class Channel(models.IntegerChoices):
    COUNTER = 1, _("Trực tiếp")
    ONLINE = 2, _("Trực tuyến")
    POST = 3, _("Bưu chính công ích")


class ResultDelivery(models.TextChoices):
    COUNTER = "counter", _("Nhận tại Bộ phận Một cửa")
    POST = "post", _("Nhận qua dịch vụ bưu chính")


class Timeliness(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class Dossier(TimeStampedModel):
    """One application by one applicant for one procedure."""

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True, null=True, blank=True)
    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="dossiers"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("cơ quan tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản người nộp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    # A snapshot of who applied: counter dossiers may have no account, and profiles change.
    applicant_name = models.CharField(_("họ tên người nộp"), max_length=150)
    applicant_id_number = models.CharField(_("số định danh"), max_length=12, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    # How the applicant had proven who they are when the dossier was opened (DVCQG's
    # TaiKhoanDuocXacThucVoiVNeID): "vneid"/"dvcqg"/"demo" (national sign-in), "password"
    # (local login) or "counter" (typed by an officer); the national level of assurance.
    applicant_identity_method = models.CharField(
        _("phương thức định danh khi nộp"), max_length=20, blank=True
    )
    applicant_identity_level = models.PositiveSmallIntegerField(
        _("mức định danh khi nộp"), null=True, blank=True
    )
    applicant_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)

    status = models.PositiveSmallIntegerField(
        _("trạng thái"),
        choices=DossierStatus.choices,
        default=DossierStatus.DRAFT,
        db_index=True,
    )
    channel = models.PositiveSmallIntegerField(
        _("kênh nộp"), choices=Channel.choices, default=Channel.ONLINE
    )
    form_data = models.JSONField(_("nội dung tờ khai"), default=dict, blank=True)
    # What the national population database answered for this dossier (dossiers.population:
    # the portal's names, e.g. {"permanent_address": {...}}); {} when nothing was fetched.
    population_record = models.JSONField(
        _("dữ liệu từ CSDL quốc gia về dân cư"), default=dict, blank=True
    )
    draft_step = models.CharField(_("bước đang soạn"), max_length=30, blank=True)
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    result_delivery = models.CharField(
        _("hình thức nhận kết quả"),
        max_length=10,
        choices=ResultDelivery.choices,
        default=ResultDelivery.COUNTER,
    )
    delivery_address = models.JSONField(_("địa chỉ nhận kết quả"), default=dict, blank=True)

    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    received_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    due_at = models.DateTimeField(_("hẹn trả kết quả"), null=True, blank=True, db_index=True)
    clock_paused_at = models.DateTimeField(_("tạm dừng tính hạn từ"), null=True, blank=True)
    completed_at = models.DateTimeField(_("xử lý xong lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    timeliness = models.CharField(
        _("tiến độ"), max_length=10, choices=Timeliness.choices, blank=True
    )

    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_dossiers",
    )
    # The fee snapshot taken when the dossier is opened (catalog/fees.py fee_quote): what it
    # owes, line by line; dossiers/fees.py fee_state compares it with the settlements.
    fee_total = models.PositiveBigIntegerField(_("tổng phí, lệ phí (đồng)"), default=0)
    fee_lines = models.JSONField(_("các khoản phí, lệ phí"), default=list, blank=True)
    originals_checked_at = models.DateTimeField(
        _("đã đối chiếu bản gốc lúc"), null=True, blank=True
    )
    # Inside national status 4 the specialist submits the result to the leader ("trình phê
    # duyệt"); the leader approves (4 -> 9) or returns it for rework. The national status does
    # not move: this flag and the history events (processing.machine STEPS) carry the step.
    awaiting_approval = models.BooleanField(_("đang trình phê duyệt"), default=False)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["agency", "status", "-submitted_at"]),
            models.Index(fields=["applicant", "status"]),
        ]

    def __str__(self) -> str:
        return self.code or _("Hồ sơ đang soạn #%(id)s") % {"id": self.pk}


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", _("Thành phần hồ sơ")
    SUPPLEMENT = "supplement", _("Bổ sung")
    RESULT = "result", _("Kết quả giải quyết")
    SLIP = "slip", _("Phiếu")
    RECEIPT = "receipt", _("Biên lai")
    EFORM = "eform", _("Tờ khai điện tử")


def attachment_path(instance: "Attachment", filename: str) -> str:
    # The stored name never reuses the uploaded name: it is random and sharded by dossier.
    return f"dossiers/{instance.dossier_id}/{uuid.uuid4().hex}{instance.extension}"


class Attachment(models.Model):
    """A stored file of a dossier: a photo or PDF of a paper, a result, a slip or a receipt."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        _("loại"), max_length=12, choices=AttachmentKind.choices, default=AttachmentKind.APPLICATION
    )
    required_document = models.ForeignKey(
        RequiredDocument,
        verbose_name=_("thành phần hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a paper with files is retired, never deleted
        related_name="+",
    )
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    blur_score = models.FloatField(_("độ nét"), null=True, blank=True)
    is_blurry = models.BooleanField(_("ảnh chưa rõ nét"), default=False)
    # A signed PDF's signatures as checked at upload (esign.verify.State), "" when unsigned.
    signature_state = models.CharField(_("chữ ký số"), max_length=12, blank=True, default="")
    signature_note = models.CharField(_("ghi chú chữ ký số"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Taken from the citizen's store ("Lấy từ kho"): the same stored bytes, no second upload.
    # The national sync reports DuocTaiSuDung / DuocLayTuKhoDMQG from these two flags.
    stored_paper = models.ForeignKey(
        "dossiers.StoredPaper",
        verbose_name=_("lấy từ kho"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    is_reused = models.BooleanField(_("được tái sử dụng"), default=False)
    from_national_store = models.BooleanField(_("lấy từ kho dữ liệu quốc gia"), default=False)
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["kind", "required_document_id", "created_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def signature_label(self) -> str:
        """Return "Chữ ký số hợp lệ / không hợp lệ / …" for a signed upload ("" if unsigned)."""
        from dichvucong.esign.verify import LABELS

        return str(LABELS.get(self.signature_state, "")) if self.signature_state else ""

    @property
    def signature_is_bad(self) -> bool:
        return bool(self.signature_state) and self.signature_state != "valid"


class DossierEvent(models.Model):
    """One append-only entry of a dossier's history (status changes and other actions)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("thao tác"), max_length=50)
    from_status = models.PositiveSmallIntegerField(
        choices=DossierStatus.choices, null=True, blank=True
    )
    to_status = models.PositiveSmallIntegerField(
        choices=DossierStatus.choices, null=True, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)
    is_public = models.BooleanField(_("công dân xem được"), default=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["dossier", "created_at"])]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.action} {self.created_at:%Y-%m-%d %H:%M}"


class SettlementKind(models.TextChoices):
    ONLINE = "online", _("Thanh toán trực tuyến")
    COUNTER = "counter", _("Nộp tại Bộ phận Một cửa")
    EXEMPTION = "exemption", _("Miễn, giảm")


class FeeSettlement(models.Model):
    """One amount of a dossier's fee that was settled: paid online (confirmed by the gateway),
    paid at the counter, or waived. The ledger every fee question reads (dossiers/fees.py)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="fee_settlements")
    kind = models.CharField(_("hình thức"), max_length=10, choices=SettlementKind.choices)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    # The order reference, the receipt number or the exemption: one settlement per source.
    reference = models.CharField(_("chứng từ"), max_length=64)
    note = models.TextField(_("ghi chú"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("khoản phí đã thanh toán, miễn")
        verbose_name_plural = _("khoản phí đã thanh toán, miễn")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind", "reference"], name="uniq_fee_settlement_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.amount:,} đ"


class DailyCounter(models.Model):
    """The per-agency, per-day counter behind dossier codes."""

    agency_code = models.CharField(max_length=40)
    day = models.DateField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency_code", "day"], name="uniq_counter_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.agency_code} {self.day:%y%m%d} #{self.value}"


def signed_copy_path(instance: "SignedCopy", filename: str) -> str:
    return f"dossiers/{instance.attachment.dossier_id}/signed-{uuid.uuid4().hex}.pdf"


class SignatureState(models.TextChoices):
    PENDING = "pending", _("Đang chờ ký số")
    SIGNED = "signed", _("Đã ký số")
    FAILED = "failed", _("Ký số thất bại")


class SignedCopy(models.Model):
    """The agency's PAdES-signed copy of a result, slip or receipt (made by a task)."""

    attachment = models.OneToOneField(
        Attachment, on_delete=models.CASCADE, related_name="signed_copy"
    )
    state = models.CharField(
        _("trạng thái ký số"),
        max_length=10,
        choices=SignatureState.choices,
        default=SignatureState.PENDING,
    )
    # `<Mã hồ sơ>-KQ<n>` (Decree 45/2020 art. 14): results only, printed on the stamp.
    result_code = models.CharField(
        _("mã kết quả"), max_length=80, unique=True, null=True, blank=True
    )
    file = models.FileField(_("bản đã ký"), upload_to=signed_copy_path, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    error = models.TextField(_("lý do thất bại"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("bản ký số")
        verbose_name_plural = _("bản ký số")
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return self.result_code or str(self.attachment)


class LookupResult(models.TextChoices):
    FOUND = "found", _("Có dữ liệu")
    NOT_FOUND = "not_found", _("Không tìm thấy")
    FAILED = "failed", _("Không tra cứu được")


class PopulationLookup(models.Model):
    """One lookup in the national population database: who asked, when, for which dossier,
    why, through which provider, and what came back (no personal data beyond the number)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tra cứu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dossier = models.ForeignKey(
        Dossier,
        verbose_name=_("hồ sơ"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="population_lookups",
    )
    subject_id_number = models.CharField(_("số định danh được tra cứu"), max_length=20)
    purpose = models.CharField(_("mục đích"), max_length=255)
    provider = models.CharField(_("nhà cung cấp"), max_length=20)
    request_id = models.UUIDField(_("mã yêu cầu (MaYeuCau)"), unique=True)
    result = models.CharField(_("kết quả"), max_length=10, choices=LookupResult.choices)
    detail = models.CharField(_("chi tiết"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tra cứu CSDL dân cư")
        verbose_name_plural = _("nhật ký tra cứu CSDL dân cư")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["subject_id_number", "created_at"])]

    def __str__(self) -> str:
        return (
            f"{self.subject_id_number} · {self.get_result_display()} · {self.created_at:%Y-%m-%d}"
        )


# The citizen's e-document store lives in its own module (dossiers.store).
from dichvucong.dossiers.store.models import StoredPaper, StoredPaperOrigin  # noqa: E402, F401
