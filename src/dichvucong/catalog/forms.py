"""The procedure list's search and filter form: unknown values are dropped, never errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.models import Agency, Field, OnlineLevel

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

    def __init__(self, data, *, fields: list[Field], agencies: list[Agency]):
        super().__init__(data)
        everything = [("", _("Tất cả"))]
        self.fields["field"].choices = everything + [(f.code, f.name) for f in fields]
        self.fields["agency"].choices = everything + [(a.code, a.name) for a in agencies]
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

    def has_active_filters(self) -> bool:
        return any(self.filters().values())
