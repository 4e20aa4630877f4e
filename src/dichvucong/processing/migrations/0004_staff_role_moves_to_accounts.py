"""StaffRole moves to the accounts app (below every app that asks about roles).

The table is renamed here and the model leaves processing's state; accounts'
0003_staff_role_from_processing adopts it (same rows, same ids). Works on a fresh database
(0001 creates processing_staffrole, this renames it) and on one upgraded from before the move.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('processing', '0003_tracking_log_export'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='staffrole', table='accounts_staffrole'),
            ],
            state_operations=[
                migrations.DeleteModel(name='StaffRole'),
            ],
        ),
    ]
