"""The form half of the field-type registry: for each schema type, its Django fields and display.

The schema half (which keys a row of a type carries, and their check) is
`catalog.form_schema.FIELD_TYPES`; the system check below refuses a type present in one half
only, so adding a type is one entry there and one entry here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core import checks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dichvucong.catalog.form_schema import FIELD_TYPES, choice_options
from dichvucong.core.vn import addresses
from dichvucong.core.vn.fields import (
    CccdField,
    CommuneField,
    EthnicGroupField,
    NationalityField,
    PhoneField,
    ProvinceField,
)
from dichvucong.core.vn.phones import display_phone
from dichvucong.core.vn.reference import ETHNIC_GROUPS, NATIONALITIES
from dichvucong.dossiers.forms.fields import PastDateField, messages

# A builder returns the Django fields of one schema row: {"": field} for a single field, or
# {"province": …, "commune": …, "line": …} for a field made of parts ("<name>__<part>").
Builder = Callable[[dict, dict], dict[str, forms.Field]]
Display = Callable[[dict, object], str]


@dataclass(frozen=True)
class FormFieldType:
    """How one schema type becomes form fields and how its stored answer is shown."""

    build: Builder
    display: Display


def _common(spec: dict) -> dict:
    return {
        "label": spec["label"],
        "required": spec.get("required", False),
        "help_text": spec.get("help", ""),
    }


def _text(spec: dict, context: dict) -> dict[str, forms.Field]:
    area = spec["type"] == "textarea"
    field = forms.CharField(
        max_length=spec.get("max_length", 2000 if area else 200),
        widget=forms.Textarea(attrs={"rows": 3}) if area else None,
        error_messages=messages(),
        **_common(spec),
    )
    return {"": field}


def _number(spec: dict, context: dict) -> dict[str, forms.Field]:
    field = forms.IntegerField(
        min_value=spec.get("min"),
        max_value=spec.get("max"),
        error_messages=messages({"invalid": gettext_lazy("Vui lòng nhập một số nguyên.")}),
        **_common(spec),
    )
    return {"": field}


def _date(spec: dict, context: dict) -> dict[str, forms.Field]:
    cls = PastDateField if spec.get("past", True) else forms.DateField
    field = cls(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages=messages({"invalid": gettext_lazy("Ngày không hợp lệ (dd/mm/yyyy).")}),
        **_common(spec),
    )
    return {"": field}


def _choice(spec: dict, context: dict) -> dict[str, forms.Field]:
    choices = [("", _("— Chọn —")), *choice_options(spec)]
    return {"": forms.ChoiceField(choices=choices, error_messages=messages(), **_common(spec))}


def _checkbox(spec: dict, context: dict) -> dict[str, forms.Field]:
    required = gettext_lazy("Vui lòng đánh dấu ô này để tiếp tục.")
    return {
        "": forms.BooleanField(error_messages=messages({"required": required}), **_common(spec))
    }


def _id_number(spec: dict, context: dict) -> dict[str, forms.Field]:
    return {"": CccdField(error_messages=messages(), **_common(spec))}


def _phone(spec: dict, context: dict) -> dict[str, forms.Field]:
    """A contact phone: any Vietnamese number, a landline too (stored in E.164)."""
    return {"": PhoneField(error_messages=messages(), **_common(spec))}


def _email(spec: dict, context: dict) -> dict[str, forms.Field]:
    invalid = gettext_lazy("Địa chỉ thư điện tử không hợp lệ.")
    return {"": forms.EmailField(error_messages=messages({"invalid": invalid}), **_common(spec))}


def _address(spec: dict, context: dict) -> dict[str, forms.Field]:
    """Three parts: province, commune (of the province chosen in `context`), line."""
    required = spec.get("required", False)
    label = spec["label"]
    return {
        "province": ProvinceField(
            label=_("%(label)s: tỉnh/thành phố") % {"label": label},
            required=required,
            error_messages=messages(),
        ),
        "commune": CommuneField(
            province=context["province"],
            label=_("%(label)s: xã/phường") % {"label": label},
            required=required,
            error_messages=messages(),
        ),
        "line": forms.CharField(
            label=_("%(label)s: số nhà, đường, thôn/xóm") % {"label": label},
            max_length=200,
            required=required,
            error_messages=messages(),
        ),
    }


def _own_list_message() -> dict:
    """The common messages, leaving the list field its own "not in the list" message."""
    return {k: v for k, v in messages().items() if k != "invalid_choice"}


def _ethnicity(spec: dict, context: dict) -> dict[str, forms.Field]:
    """One of the 54 ethnic groups; stored as its official code, shown as its name."""
    return {"": EthnicGroupField(error_messages=_own_list_message(), **_common(spec))}


def _nationality(spec: dict, context: dict) -> dict[str, forms.Field]:
    """A nationality; stored as its ISO 3166-1 code, shown as its Vietnamese name."""
    return {"": NationalityField(error_messages=_own_list_message(), **_common(spec))}


def _show_ethnicity(spec: dict, value) -> str:
    return ETHNIC_GROUPS.display(value)


def _show_nationality(spec: dict, value) -> str:
    return NATIONALITIES.display(value)


def _plain(spec: dict, value) -> str:
    return "" if value in (None, "") else str(value)


def _show_date(spec: dict, value) -> str:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
    return _plain(spec, value)


def _show_choice(spec: dict, value) -> str:
    if value in (None, ""):
        return ""
    return dict(choice_options(spec)).get(str(value)) or str(value)


def _show_checkbox(spec: dict, value) -> str:
    return _("Có") if value else _("Không")


def _show_address(spec: dict, value) -> str:
    if not isinstance(value, dict):
        return _plain(spec, value)
    return addresses.format_address(
        line=value.get("line", ""),
        commune=value.get("commune", ""),
        province=value.get("province", ""),
    )


def _show_phone(spec: dict, value) -> str:
    return display_phone(value) if value else ""


FORM_FIELD_TYPES: dict[str, FormFieldType] = {
    "text": FormFieldType(_text, _plain),
    "textarea": FormFieldType(_text, _plain),
    "number": FormFieldType(_number, _plain),
    "date": FormFieldType(_date, _show_date),
    "choice": FormFieldType(_choice, _show_choice),
    "checkbox": FormFieldType(_checkbox, _show_checkbox),
    "id_number": FormFieldType(_id_number, _plain),
    "phone": FormFieldType(_phone, _show_phone),
    "email": FormFieldType(_email, _plain),
    "address": FormFieldType(_address, _show_address),
    "ethnicity": FormFieldType(_ethnicity, _show_ethnicity),
    "nationality": FormFieldType(_nationality, _show_nationality),
}


def display_value(spec: dict, value) -> str:
    """Return a stored answer as the text a person reads (an unknown type shows the raw value)."""
    kind = FORM_FIELD_TYPES.get(spec.get("type"))
    return (kind.display if kind else _plain)(spec, value)


@checks.register()
def check_registry(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every schema type has a form half and every form half has a schema type."""
    errors = []
    for name in sorted(set(FIELD_TYPES) ^ set(FORM_FIELD_TYPES)):
        errors.append(
            checks.Error(
                f"Form field type {name!r} is in only one of catalog.form_schema.FIELD_TYPES "
                "and dossiers.forms.registry.FORM_FIELD_TYPES.",
                id="dossiers.E001",
            )
        )
    return errors
