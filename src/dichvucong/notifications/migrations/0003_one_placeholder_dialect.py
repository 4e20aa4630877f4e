"""Stored templates move to the one placeholder dialect: {ten_bien} with Vietnamese names.

The submission SMS used English names ({code}, {due}, …); `%(name)s` and `{{ name }}` spellings
typed in the admin become `{name}` too. Rows already in the dialect are left as they are.
"""

import re

from django.db import migrations

RENAMED = {
    "code": "ma_ho_so",
    "procedure": "ten_thu_tuc",
    "submitted": "nop_luc",
    "due": "han_tra",
    "site": "trang_web",
}
SPELLINGS = re.compile(r"%\(\s*(\w+)\s*\)[sd]|\{\{\s*(\w+)\s*\}\}|\{\s*(\w+)\s*\}")


def _one_dialect(text: str) -> str:
    def name(match):
        found = next(group for group in match.groups() if group)
        return "{" + RENAMED.get(found, found) + "}"

    return SPELLINGS.sub(name, text)


def forwards(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for template in MessageTemplate.objects.all():
        body, subject = _one_dialect(template.body), _one_dialect(template.subject)
        if (body, subject) != (template.body, template.subject):
            template.body, template.subject = body, subject
            template.save(update_fields=["body", "subject"])


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_seed_otp_templates")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
