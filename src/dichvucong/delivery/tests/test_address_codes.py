"""Delivery speaks the portal's one address-code format (zero-padded, as the profile stores)."""

import pytest
from django.urls import reverse

from dichvucong.dossiers.models import DossierStatus, ResultDelivery
from dichvucong.payments.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_post_to_a_profile_address_with_padded_codes_keeps_the_names(client):
    # "01" / "00070" is how the profile and the dossier form store Hà Nội / Phường Hoàn Kiếm.
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(dossier.applicant)
    response = client.post(
        reverse("delivery:choice", args=[dossier.pk]),
        {
            "result_delivery": "post",
            "recipient_name": "Nguyễn Văn A",
            "phone": "0912345678",
            "province_code": "01",
            "commune_code": "00070",
            "line": "12 Hàng Bài",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.result_delivery == ResultDelivery.POST
    address = dossier.delivery_address
    assert (address["province_code"], address["commune_code"]) == ("01", "00070")
    assert address["province_name"] == "Thành phố Hà Nội"
    assert address["commune_name"] == "Phường Hoàn Kiếm"


def test_a_landline_is_a_fine_recipient_phone(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(dossier.applicant)
    response = client.post(
        reverse("delivery:choice", args=[dossier.pk]),
        {
            "result_delivery": "post",
            "recipient_name": "Công ty A",
            "phone": "0252 3847 111",
            "province_code": "01",
            "commune_code": "00070",
            "line": "12 Hàng Bài",
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.delivery_address["phone"] == "+842523847111"
