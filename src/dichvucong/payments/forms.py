"""Officer forms for fees."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PaymentRequestForm(forms.Form):
    amount = forms.IntegerField(label=_("Số tiền (đồng)"), min_value=1000, max_value=10**10)
    note = forms.CharField(
        label=_("Nội dung yêu cầu"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExemptionForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do miễn, giảm"),
        min_length=5,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
