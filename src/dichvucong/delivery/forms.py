"""The result-delivery choice: at the counter, or by post to an address (province → commune)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dichvucong.core.vn.fields import CommuneField, PhoneField, ProvinceField, link_address_fields
from dichvucong.dossiers.models import ResultDelivery


class DeliveryChoiceForm(forms.Form):
    """Include in the submission page with delivery/_delivery_fields.html."""

    result_delivery = forms.ChoiceField(
        label=_("Hình thức nhận kết quả"),
        choices=ResultDelivery.choices,
        widget=forms.RadioSelect,
        initial=ResultDelivery.COUNTER,
    )
    recipient_name = forms.CharField(label=_("Họ tên người nhận"), max_length=150, required=False)
    phone = PhoneField(label=_("Số điện thoại người nhận"), required=False)
    province_code = ProvinceField(label=_("Tỉnh/thành phố"), required=False)
    commune_code = CommuneField(label=_("Xã/phường/đặc khu"), required=False)
    line = forms.CharField(label=_("Số nhà, đường, thôn/xóm"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        link_address_fields(self, province="province_code", commune="commune_code")

    def clean(self):
        data = super().clean()
        if data.get("result_delivery") == ResultDelivery.POST:
            for name in ("recipient_name", "phone", "province_code", "commune_code", "line"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Vui lòng nhập thông tin này để nhận kết quả qua bưu chính.")
                    )
        return data

    def address(self) -> dict[str, str]:
        return {
            k: self.cleaned_data.get(k, "")
            for k in ("recipient_name", "phone", "province_code", "commune_code", "line")
        }

    @classmethod
    def initial_for(cls, dossier) -> dict:
        """The stored address, else the applicant's profile address (pre-filled, editable)."""
        address = dossier.delivery_address or {}
        person = dossier.applicant
        if not address.get("province_code") and person is not None:
            address = {
                "province_code": person.province_code,
                "commune_code": person.commune_code,
                "line": person.address_line,
            } | {k: v for k, v in address.items() if v}
        return {
            "result_delivery": dossier.result_delivery,
            "recipient_name": address.get("recipient_name")
            or dossier.applicant_name
            or getattr(person, "full_name", ""),
            "phone": address.get("phone")
            or dossier.applicant_phone
            or getattr(person, "phone", ""),
            **{k: address.get(k, "") or "" for k in ("province_code", "commune_code", "line")},
        }
