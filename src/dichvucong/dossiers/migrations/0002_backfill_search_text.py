"""Fill the inbox search text of existing dossiers (online ones had none), in chunks.

The text is what dossiers.services.opening.dossier_search_text writes for a new dossier:
code, applicant name, ID number, phone and procedure name, folded by core.text.search_text.
Counter dossiers are rewritten too, so every dossier is found by the same words.
"""

from django.db import migrations

CHUNK = 500


def backfill(apps, schema_editor):
    from dichvucong.core.text import search_text

    Dossier = apps.get_model("dossiers", "Dossier")
    rows = Dossier.objects.using(schema_editor.connection.alias).exclude(code=None)
    last = 0
    while True:
        chunk = list(
            rows.filter(pk__gt=last)
            .select_related("procedure")
            .only(
                "pk",
                "code",
                "applicant_name",
                "applicant_id_number",
                "applicant_phone",
                "search_text",
                "procedure__name",
            )
            .order_by("pk")[:CHUNK]
        )
        if not chunk:
            return
        for dossier in chunk:
            parts = (
                dossier.code,
                dossier.applicant_name,
                dossier.applicant_id_number,
                dossier.applicant_phone,
                dossier.procedure.name,
            )
            dossier.search_text = search_text(" ".join(p for p in parts if p))
        Dossier.objects.using(schema_editor.connection.alias).bulk_update(chunk, ["search_text"])
        last = chunk[-1].pk


class Migration(migrations.Migration):
    atomic = False  # each chunk commits on its own: no long lock on a large table

    dependencies = [("dossiers", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
