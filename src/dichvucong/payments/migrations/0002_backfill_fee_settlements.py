"""Write the fee ledger rows of the payments confirmed and the exemptions decided so far."""

from django.db import migrations


def backfill(apps, schema_editor):
    Payment = apps.get_model("payments", "Payment")
    FeeExemption = apps.get_model("payments", "FeeExemption")
    FeeSettlement = apps.get_model("dossiers", "FeeSettlement")
    rows = [
        FeeSettlement(
            dossier_id=p.dossier_id,
            kind="online",
            amount=p.amount,
            reference=p.order_ref,
        )
        for p in Payment.objects.filter(status="paid", needs_refund=False)
    ] + [
        FeeSettlement(
            dossier_id=e.dossier_id,
            kind="exemption",
            amount=e.amount,
            reference=f"exemption-{e.pk}",
            note=e.reason,
            recorded_by_id=e.officer_id,
        )
        for e in FeeExemption.objects.all()
    ]
    FeeSettlement.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_fee_lines_and_settlements"),
        ("payments", "0001_payments_fees_exemptions"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
