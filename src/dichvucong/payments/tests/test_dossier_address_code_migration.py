"""The data migration that pads address codes in dossiers (delivery address, form answers)."""

from importlib import import_module

import pytest
from django.apps import apps

from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.forms import answer_sections
from dichvucong.payments.tests.factories import make_dossier

pytestmark = pytest.mark.django_db
migration = import_module("dichvucong.dossiers.migrations.0002_pad_address_codes")
SCHEMA = [{"name": "home", "label": "Nơi cư trú", "type": "address", "required": True}]


def test_address_answers_and_delivery_address_get_padded_codes_and_names():
    procedure = make_procedure(form_schema=SCHEMA)
    dossier = make_dossier(
        procedure=procedure,
        form_data={"home": {"province": "1", "commune": "70", "line": "Số 1"}, "note": "x"},
        result_delivery="post",
        delivery_address={
            "recipient_name": "A",
            "province_code": "1",
            "commune_code": "70",
            "province_name": "",
            "commune_name": "",
            "line": "Số 1",
            "fee": 35000,
        },
    )
    migration.pad_dossier_codes(apps, None)
    dossier.refresh_from_db()
    assert dossier.form_data == {
        "home": {"province": "01", "commune": "00070", "line": "Số 1"},
        "note": "x",
    }
    address = dossier.delivery_address
    assert (address["province_code"], address["commune_code"]) == ("01", "00070")
    assert (address["province_name"], address["commune_name"]) == (
        "Thành phố Hà Nội",
        "Phường Hoàn Kiếm",
    )
    assert address["fee"] == 35000
    rows = {a.label: a.text for a in answer_sections(SCHEMA, dossier.form_data)[0].answers}
    assert rows["Nơi cư trú"] == "Số 1, Phường Hoàn Kiếm, Thành phố Hà Nội"


def test_dossiers_without_addresses_are_left_alone():
    dossier = make_dossier(form_data={"home": {"province": "1"}})  # no address field in schema
    migration.pad_dossier_codes(apps, None)
    dossier.refresh_from_db()
    assert dossier.form_data == {"home": {"province": "1"}} and dossier.delivery_address == {}
