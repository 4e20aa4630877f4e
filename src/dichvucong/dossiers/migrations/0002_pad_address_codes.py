"""Store address codes zero-padded in dossiers: the delivery address and address answers.

The delivery part stored "1" / "70" where the rest of the portal stores "01" / "00070";
its missing province/commune names are filled in on the way. Address answers of the
procedure forms ({"province", "commune", "line"}) are padded too.
"""

from django.db import migrations

from dichvucong.core.vn.addresses import padded_address

BATCH = 500


def _address_fields(schema) -> list[str]:
    if not isinstance(schema, list):
        return []
    return [
        spec["name"]
        for spec in schema
        if isinstance(spec, dict) and spec.get("type") == "address" and spec.get("name")
    ]


def _pad_answers(form_data, names: list[str]):
    if not isinstance(form_data, dict):
        return form_data
    result = dict(form_data)
    for name in names:
        if isinstance(result.get(name), dict):
            result[name] = padded_address(
                result[name], province_key="province", commune_key="commune"
            )
    return result


def pad_dossier_codes(apps, schema_editor):
    Procedure = apps.get_model("catalog", "Procedure")
    Dossier = apps.get_model("dossiers", "Dossier")
    address_names = {
        pk: names
        for pk, schema in Procedure.objects.values_list("pk", "form_schema").iterator()
        if (names := _address_fields(schema))
    }
    dossiers = (
        Dossier.objects.filter(procedure_id__in=list(address_names))
        | Dossier.objects.filter(result_delivery="post")
    ).only("pk", "procedure_id", "form_data", "delivery_address")
    changed = []
    for dossier in dossiers.iterator(chunk_size=BATCH):
        form_data = _pad_answers(dossier.form_data, address_names.get(dossier.procedure_id, []))
        delivery = dossier.delivery_address
        if isinstance(delivery, dict) and delivery:
            delivery = padded_address(
                delivery, province_key="province_code", commune_key="commune_code", names=True
            )
        if (form_data, delivery) != (dossier.form_data, dossier.delivery_address):
            dossier.form_data, dossier.delivery_address = form_data, delivery
            changed.append(dossier)
        if len(changed) >= BATCH:
            Dossier.objects.bulk_update(changed, ["form_data", "delivery_address"])
            changed = []
    Dossier.objects.bulk_update(changed, ["form_data", "delivery_address"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("dossiers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(pad_dossier_codes, migrations.RunPython.noop, elidable=True),
    ]
