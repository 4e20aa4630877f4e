"""Adopt the StaffRole model whose table processing's 0004 renamed to accounts_staffrole.

State only for the model; the content type (and with it the admin permissions granted on
staff roles) follows the model to its new app.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label='accounts', model='staffrole').exists():
        return
    ContentType.objects.using(db).filter(app_label='processing', model='staffrole').update(
        app_label='accounts'
    )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label='processing', model='staffrole').exists():
        return
    ContentType.objects.using(db).filter(app_label='accounts', model='staffrole').update(
        app_label='processing'
    )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_identity_fields_and_verify_permission'),
        ('catalog', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('processing', '0004_staff_role_moves_to_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='StaffRole',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('counter', 'Cán bộ một cửa (tiếp nhận, trả kết quả)'), ('specialist', 'Chuyên viên xử lý'), ('leader', 'Lãnh đạo phê duyệt'), ('admin', 'Quản trị đơn vị'), ('identity_clerk', 'Cán bộ xác minh danh tính')], max_length=20, verbose_name='vai trò')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='staff_roles', to='catalog.agency', verbose_name='cơ quan')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='staff_roles', to=settings.AUTH_USER_MODEL, verbose_name='cán bộ')),
                    ],
                    options={
                        'verbose_name': 'vai trò cán bộ',
                        'verbose_name_plural': 'vai trò cán bộ',
                        'constraints': [models.UniqueConstraint(fields=('user', 'agency', 'role'), name='uniq_staff_role')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type, elidable=True),
    ]
