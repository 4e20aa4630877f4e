"""Store shipment addresses with zero-padded codes ("1" → "01"), filling missing names."""

from django.db import migrations

from dichvucong.core.vn.addresses import padded_address

BATCH = 500


def pad_shipment_codes(apps, schema_editor):
    Shipment = apps.get_model("delivery", "Shipment")
    changed = []
    for shipment in Shipment.objects.only("pk", "address").iterator(chunk_size=BATCH):
        if not isinstance(shipment.address, dict) or not shipment.address:
            continue
        address = padded_address(
            shipment.address, province_key="province_code", commune_key="commune_code", names=True
        )
        if address != shipment.address:
            shipment.address = address
            changed.append(shipment)
        if len(changed) >= BATCH:
            Shipment.objects.bulk_update(changed, ["address"])
            changed = []
    Shipment.objects.bulk_update(changed, ["address"])


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0001_shipments"),
    ]

    operations = [
        migrations.RunPython(pad_shipment_codes, migrations.RunPython.noop, elidable=True),
    ]
