"""django-ninja's validation errors, said in Vietnamese."""

from typing import Any

from django.utils.translation import gettext_lazy as _

# Pydantic error types → what to tell the caller; anything else reads as "invalid value".
MESSAGES = {
    "missing": _("Thiếu giá trị bắt buộc."),
    "string_too_long": _("Giá trị quá dài."),
    "string_too_short": _("Giá trị quá ngắn."),
    "string_type": _("Phải là chuỗi ký tự."),
    "int_parsing": _("Phải là số nguyên."),
    "int_type": _("Phải là số nguyên."),
    "bool_parsing": _("Phải là true hoặc false."),
    "bool_type": _("Phải là true hoặc false."),
    "literal_error": _("Giá trị không thuộc các giá trị cho phép."),
    "greater_than_equal": _("Giá trị quá nhỏ."),
    "less_than_equal": _("Giá trị quá lớn."),
    "too_long": _("Có quá nhiều phần tử."),
    "dict_type": _("Phải là một đối tượng JSON."),
    "model_attributes_type": _("Phải là một đối tượng JSON."),
    "json_invalid": _("Nội dung JSON không hợp lệ."),
}

INVALID = _("Giá trị không hợp lệ.")


def field_problems(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return each invalid input as {loc, msg}, the message in the active language."""
    rows = []
    for error in errors:
        text = MESSAGES.get(str(error.get("type", "")), INVALID)
        rows.append({"loc": [str(part) for part in error.get("loc", ())], "msg": str(text)})
    return rows
