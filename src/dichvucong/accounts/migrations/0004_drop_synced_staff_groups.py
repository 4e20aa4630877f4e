"""Drop the two groups the back office used to keep in step with staff roles.

Staff roles now answer "is an officer" and "may verify identities" (accounts.permissions);
the groups would only keep the verify_identity permission for people whose role was revoked.
"""

from django.db import migrations

SYNCED_GROUPS = ('Cán bộ xử lý hồ sơ', 'Cán bộ xác minh danh tính')


def drop_groups(apps, schema_editor):
    Group = apps.get_model('auth', 'Group')
    Group.objects.using(schema_editor.connection.alias).filter(name__in=SYNCED_GROUPS).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_staff_role_from_processing'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.RunPython(drop_groups, migrations.RunPython.noop, elidable=True),
    ]
