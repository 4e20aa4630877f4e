"""Django form fields for each schema field type, with Vietnamese messages."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dichvucong.core.vn.fields import CccdField, CommuneField, PhoneField, ProvinceField

FIELD_TYPES = (
    "text",
    "textarea",
    "number",
    "date",
    "choice",
    "checkbox",
    "id_number",
    "phone",
    "email",
    "address",
)
MESSAGES = {
    "required": _("Vui lòng nhập thông tin này."),
    "invalid": _("Giá trị không hợp lệ."),
    "invalid_choice": _("Lựa chọn không hợp lệ."),
    "max_length": _("Tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."),
    "min_value": _("Giá trị phải từ %(limit_value)s trở lên."),
    "max_value": _("Giá trị không được vượt quá %(limit_value)s."),
}


def _messages(extra: dict | None = None) -> dict:
    return {**MESSAGES, **(extra or {})}


class PastDateField(forms.DateField):
    """A date that may not lie in the future (births, deaths, issue dates)."""

    def clean(self, value):
        value = super().clean(value)
        if isinstance(value, date) and value > timezone.localdate():
            raise ValidationError(_("Ngày không được sau ngày hôm nay."))
        return value


def build_field(spec: dict) -> forms.Field:
    """Return the Django field for one schema entry (address is handled by the form)."""
    common = {
        "label": spec["label"],
        "required": spec.get("required", False),
        "help_text": spec.get("help", ""),
    }
    kind = spec["type"]
    if kind in ("text", "textarea"):
        widget = forms.Textarea(attrs={"rows": 3}) if kind == "textarea" else None
        return forms.CharField(
            max_length=spec.get("max_length", 2000 if widget else 200),
            widget=widget,
            error_messages=_messages(),
            **common,
        )
    if kind == "number":
        return forms.IntegerField(
            min_value=spec.get("min"),
            max_value=spec.get("max"),
            **common,
            error_messages=_messages({"invalid": _("Vui lòng nhập một số nguyên.")}),
        )
    if kind == "date":
        cls = PastDateField if spec.get("past", True) else forms.DateField
        return cls(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **common,
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            error_messages=_messages({"invalid": _("Ngày không hợp lệ (dd/mm/yyyy).")}),
        )
    if kind == "choice":
        choices = [("", "— Chọn —"), *[(c, c) for c in spec["choices"]]]
        return forms.ChoiceField(choices=choices, error_messages=_messages(), **common)
    if kind == "checkbox":
        return forms.BooleanField(
            error_messages=_messages({"required": _("Vui lòng đánh dấu ô này để tiếp tục.")}),
            **common,
        )
    if kind == "id_number":
        return CccdField(error_messages=_messages(), **common)
    if kind == "phone":  # a contact phone: a landline is fine (stored in E.164)
        return PhoneField(error_messages=_messages(), **common)
    if kind == "email":
        return forms.EmailField(
            error_messages=_messages({"invalid": _("Địa chỉ thư điện tử không hợp lệ.")}), **common
        )
    raise ValueError(f"Unknown field type {kind!r}")


def address_fields(spec: dict, province: str) -> dict[str, forms.Field]:
    """Return the three sub-fields of an address: province, commune (of that province), line."""
    required = spec.get("required", False)
    label = spec["label"]
    return {
        "province": ProvinceField(
            label=_("%(label)s: tỉnh/thành phố") % {"label": label},
            required=required,
            error_messages=_messages(),
        ),
        "commune": CommuneField(
            province=province,
            label=_("%(label)s: xã/phường") % {"label": label},
            required=required,
            error_messages=_messages(),
        ),
        "line": forms.CharField(
            label=_("%(label)s: số nhà, đường, thôn/xóm") % {"label": label},
            max_length=200,
            required=required,
            error_messages=_messages(),
        ),
    }
