"""Forms of the officer workspace."""

from html import escape

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.models import Field, Procedure
from dichvucong.core.vn.fields import CccdField, MobilePhoneField
from dichvucong.dossiers.models import Channel, DossierStatus, ResultDelivery
from dichvucong.processing.inbox import InboxFilters
from dichvucong.processing.models import PaymentMethod
from dichvucong.processing.supplements import supplement_list

DATE_WIDGET = forms.DateInput(attrs={"type": "date"})


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Mã hồ sơ hoặc tên người nộp"), required=False, max_length=100)
    procedure = forms.ModelChoiceField(
        label=_("Thủ tục"), queryset=Procedure.objects.none(), required=False
    )
    field = forms.ModelChoiceField(
        label=_("Lĩnh vực"), queryset=Field.objects.none(), required=False
    )
    channel = forms.TypedChoiceField(
        label=_("Kênh nộp"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("Tất cả")), *Channel.choices],
    )
    tu_ngay = forms.DateField(label=_("Nộp từ ngày"), required=False, widget=DATE_WIDGET)
    den_ngay = forms.DateField(label=_("đến ngày"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, agency_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.filter(
            agencies__in=agency_ids
        ).distinct()
        self.fields["field"].queryset = Field.objects.filter(
            procedures__agencies__in=agency_ids
        ).distinct()

    def option_html(self, filters: InboxFilters) -> dict:
        """Return the <option> lists of the selects, built in Python (two queries).

        An agency may handle hundreds of procedures; rendering each option through the
        template engine cost more than all the database work of the inbox page.
        """
        procedures = self.fields["procedure"].queryset.order_by("code")
        fields = self.fields["field"].queryset.order_by("order", "name")
        return {
            "procedure_options": _options(
                (
                    (pk, f"{code} — {_short(name)}")
                    for pk, code, name in procedures.values_list("id", "code", "name")
                ),
                filters.procedure_id,
            ),
            "field_options": _options(fields.values_list("id", "name"), filters.field_id),
            "channel_options": _options(Channel.choices, filters.channel),
        }

    def to_filters(self) -> InboxFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return InboxFilters(
            procedure_id=getattr(data.get("procedure"), "pk", None),
            field_id=getattr(data.get("field"), "pk", None),
            channel=data.get("channel"),
            date_from=data.get("tu_ngay"),
            date_to=data.get("den_ngay"),
            query=data.get("q") or "",
        )


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _options(pairs, selected) -> str:
    # Plain html.escape: Django's lazy-aware escape costs ~10x more per call here.
    return mark_safe(  # noqa: S308 - every value is escaped just above
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if value == selected else ""}>'
            f"{escape(str(label))}</option>"
            for value, label in pairs
        )
    )


class ActionForm(forms.Form):
    to = forms.IntegerField(min_value=0, max_value=10)
    expected_status = forms.IntegerField(min_value=0, max_value=10)
    note = forms.CharField(
        label=_("Lý do / ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    documents = forms.CharField(
        label=_("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    assignee = forms.IntegerField(label=_("Chuyên viên xử lý"), required=False)
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), required=False, min_value=0)
    other_paper = forms.CharField(label=_("Giấy tờ khác"), required=False, max_length=300)
    other_reason = forms.CharField(label=_("Lý do"), required=False, max_length=500)

    def __init__(self, *args, papers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.papers = list(papers)  # the procedure's papers offered as checkboxes

    def clean(self):
        data = super().clean()
        chosen = self.data.getlist("paper") if hasattr(self.data, "getlist") else []
        reasons = {str(p.pk): str(self.data.get(f"reason_{p.pk}", ""))[:500] for p in self.papers}
        ids, lines = supplement_list(
            papers=self.papers,
            chosen=[str(c) for c in chosen],
            reasons=reasons,
            other=data.get("other_paper", ""),
            other_reason=data.get("other_reason", ""),
        )
        typed = [line.strip() for line in data.get("documents", "").splitlines() if line.strip()]
        self.paper_ids, self.paper_lines = ids, lines + typed
        if data.get("to") == DossierStatus.SUPPLEMENT_REQUESTED:
            if not self.paper_lines:
                raise forms.ValidationError(_("Vui lòng chọn giấy tờ cần bổ sung."))
            if not data.get("note", "").strip():
                data["note"] = "; ".join(self.paper_lines)[:2000]
        return data

    def transition_data(self) -> dict:
        data = self.cleaned_data
        result = {}
        if self.paper_lines:
            result["documents"] = self.paper_lines
        if self.paper_ids:
            result["required_document_ids"] = self.paper_ids
        if data.get("assignee"):
            result["assignee_id"] = data["assignee"]
        if data.get("amount") is not None:
            result["amount"] = data["amount"]
        return result


class ResultUploadForm(forms.Form):
    file = forms.FileField(label=_("Văn bản kết quả"))


class ApologyForm(forms.Form):
    new_due_at = forms.DateTimeField(
        label=_("Ngày giờ hẹn trả mới"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    reason = forms.CharField(
        label=_("Lý do chậm"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CounterPaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1)
    method = forms.ChoiceField(label=_("Hình thức"), choices=PaymentMethod.choices)
    receipt_number = forms.CharField(label=_("Số biên lai"), max_length=50)


class CounterDossierForm(forms.Form):
    procedure = forms.ModelChoiceField(label=_("Thủ tục"), queryset=Procedure.objects.none())
    name = forms.CharField(label=_("Họ tên người nộp"), max_length=150)
    id_number = CccdField(label=_("Số định danh cá nhân"), required=False)
    # The dossier's SMS notices go to this number: a mobile.
    phone = MobilePhoneField(label=_("Số điện thoại di động"), required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=300, required=False)
    result_delivery = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"), choices=ResultDelivery.choices
    )
    note = forms.CharField(
        label=_("Nội dung yêu cầu"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The counts the procedure's per-copy, per-page and on-request fees are charged by.
    copies = forms.IntegerField(
        label=_("Số bản sao đề nghị cấp, chứng thực"), required=False, min_value=0, max_value=1000
    )
    pages = forms.IntegerField(
        label=_("Số trang tính phí (nếu có)"), required=False, min_value=0, max_value=100000
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = agency.procedures.filter(is_active=True)
