"""Indexes for the officer inbox on dossiers_dossier, owned by processing (named dvc_inbox_*).

Each tab reads one index in its own order: single-status tabs use the dossiers app's
(agency, status, -submitted_at) index; the multi-status tabs get partial indexes here; tab
counts read the covering (agency, status, due_at) index only. On PostgreSQL a trigram index
serves the applicant-name search (skipped when pg_trgm cannot be created).
"""

from django.db import migrations

INDEXES = {
    "dvc_inbox_active_submitted": "(agency_id, submitted_at DESC, id DESC) WHERE status IN (2, 4)",
    "dvc_inbox_done_submitted": "(agency_id, submitted_at DESC, id DESC) WHERE status IN (9, 10)",
    "dvc_inbox_clock_due": "(agency_id, due_at, id) WHERE status IN (2, 4, 6)",
    "dvc_inbox_counts": "(agency_id, status, due_at)",
    "dvc_inbox_procedure": "(procedure_id, status, submitted_at DESC, id DESC)",
}


def create(apps, schema_editor):
    for name, spec in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON dossiers_dossier {spec}")
    if schema_editor.connection.vendor == "postgresql":
        _create_trigram_index(schema_editor)


def _create_trigram_index(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            try:
                cursor.execute("SAVEPOINT dvc_trgm")
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute("RELEASE SAVEPOINT dvc_trgm")
            except Exception:  # no privilege: the name search falls back to a scan
                cursor.execute("ROLLBACK TO SAVEPOINT dvc_trgm")
                return
        cursor.execute("CREATE INDEX IF NOT EXISTS dvc_inbox_search_trgm ON dossiers_dossier "
                       "USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    for name in [*INDEXES, "dvc_inbox_search_trgm"]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0001_initial"),
        ("processing", "0001_staff_roles_payments_extensions"),
    ]

    operations = [migrations.RunPython(create, drop)]
