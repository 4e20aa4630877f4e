"""Give every submitted dossier its fee snapshot: online dossiers never had one, and counter
dossiers summed every row of the fee table (the rows of every channel)."""

from collections import defaultdict

from django.db import migrations

from dichvucong.catalog.fees import quote_rows


def backfill(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    Fee = apps.get_model("catalog", "Fee")
    rows = defaultdict(list)
    for fee in Fee.objects.order_by("order", "pk"):
        rows[fee.procedure_id].append(fee)
    batch = []
    dossiers = Dossier.objects.exclude(code=None).only(
        "id", "procedure_id", "channel", "form_data", "fee_total", "fee_lines"
    )
    for dossier in dossiers.iterator(chunk_size=500):
        if dossier.fee_lines:
            continue
        data = dossier.form_data if isinstance(dossier.form_data, dict) else {}
        channel = dossier.channel if dossier.channel in (1, 2, 3) else 2
        quote = quote_rows(rows[dossier.procedure_id], channel=channel, data=data)
        dossier.fee_total, dossier.fee_lines = quote.snapshot()
        batch.append(dossier)
        if len(batch) >= 500:
            Dossier.objects.bulk_update(batch, ["fee_total", "fee_lines"])
            batch = []
    Dossier.objects.bulk_update(batch, ["fee_total", "fee_lines"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_fee_channel_unit_quantity"),
        ("dossiers", "0002_fee_lines_and_settlements"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
