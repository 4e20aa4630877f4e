"""Forms of the store page: add an own paper, fetch one from the national store."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.uploads.sniff import ACCEPT


class StoredPaperForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp giấy tờ (ảnh hoặc PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    name = forms.CharField(label=_("Tên giấy tờ"), max_length=500)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=100, required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Hiệu lực đến (để trống nếu không thời hạn)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        issued, until = data.get("issued_on"), data.get("valid_until")
        if issued and until and until < issued:
            self.add_error("valid_until", _("Ngày hết hiệu lực phải sau ngày ban hành."))
        return data

    def details(self) -> dict:
        keys = ("name", "number", "issuer", "issued_on", "valid_until")
        return {key: self.cleaned_data[key] for key in keys}


class NationalPullForm(forms.Form):
    result_code = forms.CharField(label=_("Mã kết quả"), max_length=80)
