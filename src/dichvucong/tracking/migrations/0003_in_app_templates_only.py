"""SMS and e-mail texts for status changes belong to processing (dossier_<event>); keep in-app."""

from django.db import migrations


def drop_unused(apps, schema_editor):
    Template = apps.get_model("notifications", "MessageTemplate")
    Template.objects.filter(code__startswith="dossier_status_",
                            channel__in=["sms", "email"]).delete()


class Migration(migrations.Migration):
    dependencies = [("tracking", "0002_default_criteria_and_templates")]

    operations = [migrations.RunPython(drop_unused, migrations.RunPython.noop)]
