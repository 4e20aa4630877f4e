"""Forms of the lookup and the citizen's actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dichvucong.tracking.models import RatingCriterion

SCORES = [(i, str(i)) for i in range(5, 0, -1)]


class LookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    so = forms.CharField(
        label=_("4 số cuối số điện thoại hoặc số định danh của người nộp"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    t = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RatingForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Mức độ hài lòng chung"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Góp ý (không bắt buộc)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(RatingCriterion.objects.filter(is_active=True))
        for criterion in self.criteria:
            self.fields[f"c_{criterion.code}"] = forms.TypedChoiceField(
                label=criterion.name, choices=SCORES, coerce=int, widget=forms.RadioSelect
            )
        self.order_fields(["overall", *(f"c_{c.code}" for c in self.criteria), "comment"])

    def scores(self) -> dict[str, int]:
        return {c.code: self.cleaned_data[f"c_{c.code}"] for c in self.criteria}
