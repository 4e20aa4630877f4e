"""Django form fields for Vietnamese data: mobile / any phone, CCCD, province and commune,
ethnic group and nationality."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from dichvucong.core.vn import addresses, identity, phones
from dichvucong.core.vn.reference import ETHNIC_GROUPS, NATIONALITIES, ReferenceList


class _NormalisedField(forms.CharField):
    """A text field whose non-empty value goes through `normalise` (which may refuse it)."""

    def normalise(self, value: str) -> str:
        raise NotImplementedError

    def clean(self, value):
        value = super().clean(value)
        return self.normalise(value) if value else value


class MobilePhoneField(_NormalisedField):
    """A Vietnamese mobile number, where an SMS must reach it; cleaned to E.164 (+84…)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        )
        super().__init__(**kwargs)

    def normalise(self, value: str) -> str:
        return phones.normalise_mobile(value)


class PhoneField(MobilePhoneField):
    """Any Vietnamese number, mobile or fixed line (contact phones); cleaned to E.164."""

    def normalise(self, value: str) -> str:
        return phones.normalise_phone(value)


class CccdField(_NormalisedField):
    """The 12-digit personal identification number (CCCD); cleaned without separators."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def normalise(self, value: str) -> str:
        return identity.validate_cccd(value)


def province_choices() -> list[tuple[str, str]]:
    """Return the province choices of a select, an empty "choose" entry first."""
    return [("", _("— Chọn tỉnh/thành phố —")), *addresses.provinces()]


def commune_choices(province: str) -> list[tuple[str, str]]:
    """Return the commune choices of one province's select, an empty entry first."""
    return [("", _("— Chọn xã/phường —")), *addresses.communes(province)]


class ProvinceField(forms.ChoiceField):
    """A province of today's list, by its zero-padded code."""

    def __init__(self, **kwargs):
        super().__init__(choices=province_choices, **kwargs)


class CommuneField(forms.ChoiceField):
    """A commune of the chosen province; a commune of another province is refused."""

    def __init__(self, *, province: str = "", **kwargs):
        super().__init__(choices=commune_choices(province), **kwargs)
        self.error_messages["invalid_choice"] = _("Xã/phường không thuộc tỉnh/thành phố đã chọn.")


def link_address_fields(form: forms.Form, *, province: str, commune: str) -> None:
    """Offer the communes of the form's province and let static/js/address.js refill them.

    Pages that show the form load `js/address.js` (with `data-communes-url` pointing at
    `accounts:communes_api`).
    """
    code = form[province].value() or ""
    field = form.fields[commune]
    field.choices = commune_choices(str(code))
    field.widget.attrs.update(
        {"data-commune-select": "", "data-province-field": form[province].auto_id}
    )


class ReferenceInput(forms.TextInput):
    """A text box with the list's names in a <datalist>: the browser offers and filters them
    as the person types (no script, no outside widget); it shows the name of a stored code."""

    def __init__(self, reference: ReferenceList, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.reference = reference

    def format_value(self, value):
        return self.reference.display(value) or None

    def render(self, name, value, attrs=None, renderer=None):
        list_id = f"{(attrs or {}).get('id') or 'id_' + name}-list"
        html = super().render(name, value, {**(attrs or {}), "list": list_id}, renderer)
        options = format_html_join(
            "",
            '<option value="{}">{}</option>',
            ((e.name, ", ".join(e.other_names[:4]) or e.name) for e in self.reference.entries),
        )
        return format_html('{}<datalist id="{}">{}</datalist>', html, list_id, options)


class ReferenceField(forms.CharField):
    """A value of a national reference list: cleaned to its official code (a name, another
    name or the code itself is accepted; anything else is refused with `invalid_choice`)."""

    default_error_messages = {"invalid_choice": _("Giá trị không có trong danh mục.")}

    def __init__(self, *, reference: ReferenceList, **kwargs):
        self.reference = reference
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", ReferenceInput(reference))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        code = self.reference.find(value)
        if not code:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return code


class EthnicGroupField(ReferenceField):
    """One of the 54 ethnic groups of Viet Nam, stored as its two-digit code ("14" Chăm)."""

    default_error_messages = {
        "invalid_choice": _(
            "“%(value)s” không có trong danh mục 54 dân tộc Việt Nam; "
            "vui lòng chọn một dân tộc trong danh sách."
        )
    }

    def __init__(self, **kwargs):
        super().__init__(reference=ETHNIC_GROUPS, **kwargs)


class NationalityField(ReferenceField):
    """A nationality, stored as its ISO 3166-1 code ("VN")."""

    default_error_messages = {
        "invalid_choice": _(
            "“%(value)s” không có trong danh mục quốc tịch; vui lòng chọn trong danh sách."
        )
    }

    def __init__(self, **kwargs):
        super().__init__(reference=NATIONALITIES, **kwargs)
