"""The data migration that pads the address codes of shipments already made."""

from importlib import import_module

import pytest
from django.apps import apps

from dichvucong.delivery.models import Shipment
from dichvucong.payments.tests.factories import make_dossier

pytestmark = pytest.mark.django_db
migration = import_module("dichvucong.delivery.migrations.0002_pad_address_codes")


def test_shipment_addresses_get_padded_codes_and_keep_their_names():
    address = {
        "recipient_name": "A",
        "phone": "+84912345678",
        "province_code": "1",
        "commune_code": "70",
        "province_name": "Thành phố Hà Nội",
        "commune_name": "",
        "line": "12 Hàng Bài",
    }
    shipment = Shipment.objects.create(
        dossier=make_dossier(), provider="demo", reference="R-1", address=address
    )
    migration.pad_shipment_codes(apps, None)
    shipment.refresh_from_db()
    assert shipment.address == address | {
        "province_code": "01",
        "commune_code": "00070",
        "commune_name": "Phường Hoàn Kiếm",
    }
