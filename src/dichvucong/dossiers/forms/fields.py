"""Django form fields for each schema field type, with Vietnamese messages."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.forms.address import commune_choices, province_choices

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
PHONE_RE = re.compile(r"^(?:\+84|84|0)(?:3|5|7|8|9)\d{8}$")
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


class PhoneField(forms.CharField):
    """A Vietnamese mobile number; stored as typed without spaces or dots."""

    def clean(self, value):
        value = re.sub(r"[\s.\-()]", "", value or "")
        value = super().clean(value)
        if value and not PHONE_RE.match(value):
            raise ValidationError(_("Số điện thoại di động không hợp lệ (ví dụ 0912345678)."))
        return value


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
        message = _("Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.")
        return forms.CharField(
            max_length=20,
            **common,
            error_messages=_messages({"invalid": message}),
            validators=[RegexValidator(r"^\d{12}$", message)],
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )
    if kind == "phone":
        return PhoneField(
            max_length=20,
            error_messages=_messages(),
            **common,
            widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
        )
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
        "province": forms.ChoiceField(
            label=_("%(label)s: tỉnh/thành phố") % {"label": label},
            required=required,
            choices=[("", "— Chọn tỉnh/thành phố —"), *province_choices()],
            error_messages=_messages(),
        ),
        "commune": forms.ChoiceField(
            label=_("%(label)s: xã/phường") % {"label": label},
            required=required,
            choices=[("", "— Chọn xã/phường —"), *commune_choices(province)],
            error_messages=_messages({"invalid_choice": _("Xã/phường không thuộc tỉnh đã chọn.")}),
        ),
        "line": forms.CharField(
            label=_("%(label)s: số nhà, đường, thôn/xóm") % {"label": label},
            max_length=200,
            required=required,
            error_messages=_messages(),
        ),
    }
