"""The one fee calculation, on the demo procedures' own fee rows and forms."""

import json
from pathlib import Path

import pytest

from dichvucong.catalog.fees import fee_quote, quote_rows
from dichvucong.catalog.importer import import_catalog
from dichvucong.catalog.models import Fee, Procedure

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data"
COUNTER, ONLINE, POST = 1, 2, 3


def demo_rows(code: str) -> list[Fee]:
    """Return the demo catalog's fee rows of one procedure, as (unsaved) catalog rows."""
    catalog = json.loads((DEMO / "catalog.json").read_text(encoding="utf-8"))
    row = next(p for p in catalog["procedures"] if p["code"] == code)
    keys = ("name", "amount", "channel", "unit", "quantity_field", "is_optional")
    return [Fee(**{k: fee[k] for k in keys if k in fee}) for fee in row["fees"]]


def demo_form_fields(code: str) -> set[str]:
    schemas = json.loads((DEMO / "form_schemas.json").read_text(encoding="utf-8"))
    return {field["name"] for field in schemas[code]}


def test_business_household_online_charges_only_the_online_row():
    rows = demo_rows("1.001612")
    online = quote_rows(rows, channel=ONLINE, data={})
    counter = quote_rows(rows, channel=COUNTER, data={})
    assert online.total == 150000 and len(online.lines) == 1
    assert counter.total == 50000 and len(counter.lines) == 1
    assert quote_rows(rows, channel=POST, data={}).total == 150000


def test_certified_copies_are_charged_per_copy_from_the_form():
    rows = demo_rows("2.000815")
    quote = quote_rows(rows, channel=ONLINE, data={"copies": 3})
    (line,) = quote.lines
    assert (line.unit_amount, line.quantity, line.amount) == (2000, 3, 6000)
    assert quote.total == 6000
    assert {r.quantity_field for r in rows if r.quantity_field} <= demo_form_fields("2.000815")


def test_birth_certificate_copies_are_per_copy_and_only_on_request():
    rows = demo_rows("1.001193")
    assert quote_rows(rows, channel=ONLINE, data={"paper_copies": 2}).total == 16000
    assert quote_rows(rows, channel=COUNTER, data={"paper_copies": 2}).total == 16000
    nothing = quote_rows(rows, channel=ONLINE, data={"paper_copies": 0})
    assert nothing.total == 0 and nothing.lines == ()
    assert quote_rows(rows, channel=ONLINE, data={}).total == 0
    assert {r.quantity_field for r in rows if r.quantity_field} <= demo_form_fields("1.001193")


def test_every_demo_quantity_field_is_a_field_of_its_form():
    catalog = json.loads((DEMO / "catalog.json").read_text(encoding="utf-8"))
    schemas = json.loads((DEMO / "form_schemas.json").read_text(encoding="utf-8"))
    for procedure in catalog["procedures"]:
        for fee in procedure.get("fees", []):
            if fee.get("quantity_field") and procedure["code"] in schemas:
                assert fee["quantity_field"] in demo_form_fields(procedure["code"]), fee


def test_quote_lines_snapshot_as_json():
    total, lines = quote_rows(
        demo_rows("2.000815"), channel=COUNTER, data={"copies": "2"}
    ).snapshot()
    assert total == 4000
    assert lines == [
        {
            "name": lines[0]["name"],
            "unit": "copy",
            "unit_amount": 2000,
            "quantity": 2,
            "amount": 4000,
        }
    ]


@pytest.mark.django_db
def test_fee_quote_reads_the_imported_rows():
    from dichvucong.catalog.tests.catalog_data import catalog

    data = catalog()
    data["procedures"][0]["fees"] = [
        {"name": "Lệ phí (trực tiếp)", "amount": 50000, "channel": "counter"},
        {"name": "Lệ phí (trực tuyến)", "amount": 150000, "channel": "online"},
    ]
    import_catalog(data)
    procedure = Procedure.objects.get(code=data["procedures"][0]["code"])
    assert fee_quote(procedure=procedure, channel=ONLINE, data={}).total == 150000
