"""Django form fields for Vietnamese data: mobile / any phone, CCCD, province and commune."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dichvucong.core.vn import addresses, identity, phones


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
