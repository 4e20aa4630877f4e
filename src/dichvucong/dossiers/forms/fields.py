"""Django form fields with Vietnamese messages used by the field-type registry."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("Vui lòng nhập thông tin này."),
    "invalid": _("Giá trị không hợp lệ."),
    "invalid_choice": _("Lựa chọn không hợp lệ."),
    "max_length": _("Tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."),
    "min_value": _("Giá trị phải từ %(limit_value)s trở lên."),
    "max_value": _("Giá trị không được vượt quá %(limit_value)s."),
}


def messages(extra: dict | None = None) -> dict:
    """Return the Vietnamese error messages of a field, with its own overrides."""
    return {**MESSAGES, **(extra or {})}


class PastDateField(forms.DateField):
    """A date that may not lie in the future (births, deaths, issue dates)."""

    def clean(self, value):
        value = super().clean(value)
        if isinstance(value, date) and value > timezone.localdate():
            raise ValidationError(_("Ngày không được sau ngày hôm nay."))
        return value
