"""The public catalog: fields, agencies, procedures, their papers, fees and forms."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.core.models import TimeStampedModel


class Field(models.Model):
    """A sector procedures belong to (lĩnh vực), e.g. Hộ tịch."""

    code = models.SlugField(_("mã lĩnh vực"), max_length=60, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AgencyLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class Agency(models.Model):
    """A body that handles procedures (cơ quan / đơn vị), with its ID code."""

    code = models.CharField(
        _("mã định danh"),
        max_length=40,
        unique=True,
        help_text=_("Mã định danh điện tử của cơ quan, ví dụ 000.00.06.H56."),
    )
    is_demo_code = models.BooleanField(
        _("mã minh họa"),
        default=False,
        help_text=_("Đánh dấu mã định danh dùng cho dữ liệu minh họa, chưa được xác nhận."),
    )
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    level = models.CharField(_("cấp"), max_length=10, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class IdentityLevel(models.TextChoices):
    """The least identity assurance an online applicant needs (accounts.VerificationLevel's
    values: an account verified at this level or above may submit)."""

    NONE = "none", _("Không yêu cầu xác minh")
    MEDIUM = "medium", _("Mức độ 2 (trung bình)")
    HIGH = "high", _("Mức độ 3 (cao)")


class OnlineLevel(models.TextChoices):
    """How much of a procedure can be done online (Decree 42/2022, 45/2020 labels kept)."""

    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    INFO = "info", _("Cung cấp thông tin")

    @classmethod
    def old_label(cls, value: str) -> str:
        """Return the pre-2022 "mức độ" label citizens still know."""
        return {cls.FULL: _("mức độ 4"), cls.PARTIAL: _("mức độ 3"), cls.INFO: _("mức độ 2")}[value]

    @classmethod
    def label_with_old(cls, value: str) -> str:
        """Return e.g. "Toàn trình (mức độ 4)"."""
        return f"{cls(value).label} ({cls.old_label(value)})"


class Procedure(TimeStampedModel):
    """An administrative procedure (thủ tục hành chính) with its national code."""

    code = models.CharField(_("mã thủ tục"), max_length=20, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("cơ quan thực hiện"), related_name="procedures", blank=True
    )
    implementing_level = models.CharField(_("cấp thực hiện"), max_length=100, blank=True)
    online_level = models.CharField(
        _("mức độ trực tuyến"),
        max_length=10,
        choices=OnlineLevel.choices,
        default=OnlineLevel.INFO,
    )
    accepts_counter = models.BooleanField(_("nộp trực tiếp"), default=True)
    accepts_online = models.BooleanField(_("nộp trực tuyến"), default=False)
    accepts_post = models.BooleanField(_("nộp qua bưu chính"), default=False)
    min_identity_level = models.CharField(
        _("mức xác minh danh tính tối thiểu"),
        max_length=10,
        choices=IdentityLevel.choices,
        default=IdentityLevel.MEDIUM,
        help_text=_("Tài khoản nộp hồ sơ trực tuyến phải được xác minh ít nhất ở mức này."),
    )
    processing_days = models.DecimalField(
        _("thời hạn giải quyết (ngày làm việc)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    processing_time_text = models.CharField(
        _("thời hạn giải quyết (mô tả)"), max_length=500, blank=True
    )
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    steps = models.TextField(_("trình tự thực hiện"), blank=True)
    method = models.TextField(_("cách thức thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    fee_text = models.TextField(_("phí, lệ phí (mô tả)"), blank=True)
    requires_originals = models.BooleanField(
        _("phải xuất trình bản gốc khi nhận kết quả"), default=False
    )
    source_url = models.URLField(_("nguồn"), max_length=500, blank=True)
    form_schema = models.JSONField(_("biểu mẫu điện tử"), default=list, blank=True)
    popularity = models.PositiveIntegerField(_("mức độ sử dụng"), default=0, db_index=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    # Folded, tokenised copies for the search index (see catalog/search).
    search_name = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def old_level_label(self) -> str:
        return OnlineLevel.old_label(self.online_level)

    @property
    def can_submit_online(self) -> bool:
        return self.accepts_online and self.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)


class FeeChannel(models.TextChoices):
    """Which submissions a fee row applies to (the national channels 1–3, or all of them)."""

    ANY = "any", _("Mọi hình thức nộp")
    COUNTER = "counter", _("Nộp trực tiếp")
    ONLINE = "online", _("Nộp trực tuyến")
    POST = "post", _("Nộp qua bưu chính công ích")


class FeeUnit(models.TextChoices):
    """What one amount of a fee row pays for."""

    DOSSIER = "dossier", _("Mỗi hồ sơ")
    COPY = "copy", _("Mỗi bản")
    PAGE = "page", _("Mỗi trang")


class Fee(models.Model):
    """A fee or charge (phí, lệ phí) of a procedure, in Vietnamese đồng; catalog/fees.py
    turns the rows into the amount a dossier owes."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("tên phí, lệ phí"), max_length=300)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"), default=0)
    channel = models.CharField(
        _("áp dụng cho hình thức nộp"),
        max_length=10,
        choices=FeeChannel.choices,
        default=FeeChannel.ANY,
    )
    unit = models.CharField(
        _("đơn vị tính"), max_length=10, choices=FeeUnit.choices, default=FeeUnit.DOSSIER
    )
    quantity_field = models.CharField(
        _("trường số lượng trên tờ khai"),
        max_length=100,
        blank=True,
        help_text=_(
            "Tên trường của biểu mẫu điện tử ghi số bản hoặc số trang; "
            "để trống khi tính theo hồ sơ."
        ),
    )
    is_optional = models.BooleanField(
        _("chỉ thu nếu có yêu cầu"),
        default=False,
        help_text=_("Chỉ thu khi trường số lượng trên tờ khai có giá trị (lớn hơn 0)."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount:,} đ"

    def clean(self) -> None:
        from dichvucong.catalog.fees import fee_row_problem

        problem = fee_row_problem(
            unit=self.unit,
            quantity_field=self.quantity_field,
            is_optional=self.is_optional,
            form_fields=form_field_names(self.procedure.form_schema) if self.procedure_id else None,
        )
        if problem:
            raise ValidationError({"quantity_field": problem})


def form_field_names(schema) -> set[str] | None:
    """Return the field names of a procedure form schema, or None when it has no form."""
    if not isinstance(schema, list) or not schema:
        return None
    return {f["name"] for f in schema if isinstance(f, dict) and isinstance(f.get("name"), str)}


class FormTemplate(models.Model):
    """A downloadable form (biểu mẫu / tờ khai)."""

    code = models.SlugField(
        _("mã biểu mẫu"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Mã dùng khi nhập danh mục; biểu mẫu tải lên tay có thể để trống."),
    )
    name = models.CharField(_("tên biểu mẫu"), max_length=300)
    file = models.FileField(_("tệp"), upload_to="catalog/forms/%Y/")
    content_type = models.CharField(_("kiểu tệp"), max_length=100, blank=True)
    # Digest of the spec a generated form was built from, so unchanged forms are not rebuilt.
    spec_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("biểu mẫu")
        verbose_name_plural = _("biểu mẫu")

    def __str__(self) -> str:
        return self.name


class RequiredDocumentQuerySet(models.QuerySet):
    def active(self) -> "RequiredDocumentQuerySet":
        """Papers a new dossier is asked for (retired papers are left out)."""
        return self.filter(is_active=True)


class PaperSource(models.TextChoices):
    """Where the agency can obtain a paper's data itself, so the citizen need not send it
    ("declare once": NQ 66.7/2025/NQ-CP)."""

    NONE = "", _("— (công dân nộp)")
    POPULATION = "population", _("CSDL quốc gia về dân cư")


class RequiredDocument(models.Model):
    """A paper a procedure asks for (thành phần hồ sơ).

    Never deleted by the catalog import: a paper that leaves the catalog is retired
    (`is_active=False`) so the files citizens uploaded for it keep their paper.
    """

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="required_documents"
    )
    code = models.CharField(
        _("mã giấy tờ"),
        max_length=80,
        blank=True,
        help_text=_("Mã ổn định trong thủ tục, dùng để nhận ra giấy tờ khi nhập lại danh mục."),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    is_required = models.BooleanField(_("bắt buộc"), default=True)
    fetched_from = models.CharField(
        _("khai thác dữ liệu từ"),
        max_length=20,
        choices=PaperSource.choices,
        default=PaperSource.NONE,
        blank=True,
        help_text=_(
            "Khi dữ liệu của giấy tờ đã lấy được từ cơ sở dữ liệu này cho hồ sơ, "
            "công dân không phải nộp giấy tờ đó."
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    form_template = models.ForeignKey(
        FormTemplate,
        verbose_name=_("biểu mẫu"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    replaced_by_eform = models.BooleanField(
        _("thay bằng tờ khai điện tử"),
        default=False,
        help_text=_(
            "Khi nộp trực tuyến, người nộp điền biểu mẫu điện tử thay cho giấy tờ này: "
            "không phải tải ảnh lên, giấy tiếp nhận ghi “Tờ khai điện tử”."
        ),
    )
    is_active = models.BooleanField(
        _("đang áp dụng"),
        default=True,
        help_text=_(
            "Giấy tờ ngừng áp dụng không còn được yêu cầu ở hồ sơ mới, "
            "nhưng vẫn hiện ở hồ sơ đã có tệp cho nó."
        ),
    )

    objects = RequiredDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name[:80]
