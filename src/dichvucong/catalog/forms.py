"""The procedure list's search and filter form: unknown values are dropped, never errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.models import OnlineLevel

CHANNEL_CHOICES = [
    ("counter", _("Trực tiếp")),
    ("online", _("Trực tuyến")),
    ("post", _("Bưu chính công ích")),
]


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, strip=True)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    agency = forms.ChoiceField(label=_("Cơ quan thực hiện"), required=False)
    level = forms.ChoiceField(label=_("Mức độ trực tuyến"), required=False)
    channel = forms.ChoiceField(label=_("Cách nộp hồ sơ"), required=False)

    def __init__(self, data, *, fields: list[tuple[str, str]], agencies: list[tuple[str, str]]):
        super().__init__(data)
        everything = [("", _("Tất cả"))]
        self.fields["field"].choices = everything + fields
        self.fields["agency"].choices = everything + agencies
        self.fields["level"].choices = everything + list(OnlineLevel.choices)
        self.fields["channel"].choices = everything + CHANNEL_CHOICES

    def filters(self) -> dict[str, str]:
        """Return the valid values only; an unknown value counts as no filter."""
        self.is_valid()
        cleaned = self.cleaned_data
        return {
            "query": cleaned.get("q", ""),
            "field": cleaned.get("field", ""),
            "agency": cleaned.get("agency", ""),
            "level": cleaned.get("level", ""),
            "channel": cleaned.get("channel", ""),
        }

    def select_filters(self) -> list[dict]:
        """Return the select boxes to draw: name, label, choices and the chosen valid value."""
        chosen = self.filters()
        return [
            {"name": name, "label": self.fields[name].label,
             "choices": self.fields[name].choices, "value": chosen[name]}
            for name in ("field", "agency", "level", "channel")
        ]
