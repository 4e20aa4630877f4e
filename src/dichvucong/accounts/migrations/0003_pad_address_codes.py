"""Store every account's province and commune code zero-padded ("1" → "01", "70" → "00070")."""

from django.db import migrations

from dichvucong.core.vn.addresses import commune_code, province_code

BATCH = 1000


def pad_user_codes(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    users = User.objects.exclude(province_code="", commune_code="").only(
        "pk", "province_code", "commune_code"
    )
    changed = []
    for user in users.iterator(chunk_size=BATCH):
        province = province_code(user.province_code) or user.province_code
        commune = commune_code(user.commune_code) or user.commune_code
        if (province, commune) != (user.province_code, user.commune_code):
            user.province_code, user.commune_code = province, commune
            changed.append(user)
        if len(changed) >= BATCH:
            User.objects.bulk_update(changed, ["province_code", "commune_code"])
            changed = []
    User.objects.bulk_update(changed, ["province_code", "commune_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_identity_fields_and_verify_permission"),
    ]

    operations = [
        migrations.RunPython(pad_user_codes, migrations.RunPython.noop, elidable=True),
    ]
