"""Online dossiers not received yet lose the appointment counted from their submission.

The appointment is now given at reception (dossiers.appointments); receiving such a dossier
computes it again from that moment.
"""

from django.db import migrations

NOT_RECEIVED_YET = (1, 5)  # Mới đăng ký, or asked for papers before reception


def clear(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    Dossier.objects.using(schema_editor.connection.alias).filter(
        status__in=NOT_RECEIVED_YET, received_at=None
    ).exclude(due_at=None).update(due_at=None)


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0002_backfill_search_text")]

    operations = [migrations.RunPython(clear, migrations.RunPython.noop, elidable=True)]
