"""Write the fee ledger rows of the fees collected at the counter so far."""

from django.db import migrations


def backfill(apps, schema_editor):
    CounterPayment = apps.get_model("processing", "CounterPayment")
    FeeSettlement = apps.get_model("dossiers", "FeeSettlement")
    FeeSettlement.objects.bulk_create(
        [
            FeeSettlement(
                dossier_id=p.dossier_id,
                kind="counter",
                amount=p.amount,
                reference=f"counter-payment-{p.pk}",
                note=p.receipt_number,
                recorded_by_id=p.collected_by_id,
            )
            for p in CounterPayment.objects.all()
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_fee_lines_and_settlements"),
        ("processing", "0003_tracking_log_export"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
