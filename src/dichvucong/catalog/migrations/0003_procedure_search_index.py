"""Full-text search index: FTS5 on SQLite, GIN (tsvector, 'simple') on PostgreSQL."""

from django.db import migrations

from dichvucong.catalog.search_index import drop_search_index, ensure_search_index


def create_index(apps, schema_editor):
    ensure_search_index(schema_editor.connection)


def remove_index(apps, schema_editor):
    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0002_formtemplate_code_and_spec_digest"),
    ]

    operations = [
        migrations.RunPython(create_index, remove_index, elidable=False),
    ]
