"""Write a validated catalog in one transaction: upsert by code, replace papers and fees."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from dichvucong.catalog.form_docs import DOCX_CONTENT_TYPE, build_form_docx, spec_digest
from dichvucong.catalog.importer.validate import PROCEDURE_TEXTS, validate_catalog
from dichvucong.catalog.models import (
    Agency,
    Fee,
    FeeChannel,
    FeeUnit,
    Field,
    FormTemplate,
    OnlineLevel,
    Procedure,
    RequiredDocument,
)
from dichvucong.catalog.search_fields import refresh_search_fields
from dichvucong.core.audit import audit_log


class CatalogImportError(Exception):
    """The catalog file was refused; `problems` lists every reason with its row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    """What one import wrote."""

    fields: int = 0
    agencies: int = 0
    forms: int = 0
    forms_built: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    @property
    def procedures(self) -> int:
        return len(self.created) + len(self.updated)


def _get(row: dict, key: str, default):
    """Return row[key], treating a missing key and JSON null alike."""
    value = row.get(key)
    return default if value is None else value


def import_catalog(data: dict, *, actor=None) -> ImportResult:
    """Validate the whole catalog, then write it in one transaction or raise CatalogImportError."""
    problems = validate_catalog(data)
    if problems:
        raise CatalogImportError(problems)
    result = ImportResult()
    with transaction.atomic():
        fields = _save_fields(_get(data, "fields", []), result)
        agencies = _save_agencies(_get(data, "agencies", []), result)
        forms = _save_forms(_get(data, "forms", []), result)
        for row in _get(data, "procedures", []):
            _save_procedure(row, fields, agencies, forms, result)
        audit_log(
            action="catalog.import",
            actor=actor,
            data={
                "created": result.created,
                "updated": len(result.updated),
                "forms_built": result.forms_built,
            },
        )
    return result


def _save_fields(rows, result) -> dict[str, Field]:
    for row in rows:
        Field.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "order": _get(row, "order", 0)}
        )
    result.fields = len(rows)
    return {f.code: f for f in Field.objects.all()}


def _save_agencies(rows, result) -> dict[str, Agency]:
    values = ("name", "short_name", "address", "phone", "email")
    for row in rows:
        defaults = {key: row.get(key) or "" for key in values}
        defaults |= {"level": row["level"], "is_demo_code": _get(row, "is_demo_code", False)}
        Agency.objects.update_or_create(code=row["code"], defaults=defaults)
    agencies = {a.code: a for a in Agency.objects.all()}
    for row in rows:  # second pass: a parent may come later in the file
        agency, parent = agencies[row["code"]], agencies.get(row.get("parent") or "")
        if agency.parent_id != (parent.pk if parent else None):
            agency.parent = parent
            agency.save(update_fields=["parent"])
    result.agencies = len(rows)
    return agencies


def _save_forms(rows, result) -> dict[str, FormTemplate]:
    for spec in rows:
        digest = spec_digest(spec)
        template = FormTemplate.objects.filter(code=spec["code"]).first()
        if template is None:
            template = FormTemplate(code=spec["code"])
        unchanged = (
            template.spec_digest == digest
            and template.file
            and template.file.storage.exists(template.file.name)
        )
        template.name = spec["title"]
        if not unchanged:
            old_file = template.file.name if template.file else ""
            content = ContentFile(build_form_docx(spec))
            template.file.save(f"{spec['code']}.docx", content, save=False)
            template.content_type, template.spec_digest = DOCX_CONTENT_TYPE, digest
            result.forms_built += 1
            if old_file and old_file != template.file.name:
                storage = template.file.storage
                transaction.on_commit(lambda s=storage, name=old_file: s.delete(name))
        template.save()
    result.forms = len(rows)
    return {t.code: t for t in FormTemplate.objects.exclude(code=None)}


def _procedure_values(row, fields) -> dict:
    channels = set(_get(row, "channels", ["counter"]))
    days = row.get("processing_days")
    values = {key: row.get(key) or "" for key in PROCEDURE_TEXTS}
    if row.get("form_schema") is not None:  # a file without the key keeps the stored form
        values["form_schema"] = row["form_schema"]
    return values | {
        "name": row["name"],
        "field": fields[row["field"]],
        "online_level": _get(row, "online_level", OnlineLevel.INFO),
        "accepts_counter": "counter" in channels,
        "accepts_online": "online" in channels,
        "accepts_post": "post" in channels,
        "processing_days": None if days is None else Decimal(str(days)),
        "requires_originals": _get(row, "requires_originals", False),
        "popularity": _get(row, "popularity", 0),
        "is_active": _get(row, "is_active", True),
    }


def _save_procedure(row, fields, agencies, forms, result) -> None:
    procedure, created = Procedure.objects.update_or_create(
        code=row["code"], defaults=_procedure_values(row, fields)
    )
    (result.created if created else result.updated).append(procedure.code)
    procedure.agencies.set([agencies[code] for code in _get(row, "agencies", [])])
    procedure.fees.all().delete()
    Fee.objects.bulk_create(
        Fee(
            procedure=procedure,
            order=n,
            name=fee["name"],
            amount=fee["amount"],
            note=fee.get("note") or "",
            channel=fee.get("channel") or FeeChannel.ANY,
            unit=fee.get("unit") or FeeUnit.DOSSIER,
            quantity_field=fee.get("quantity_field") or "",
            is_optional=_get(fee, "is_optional", False),
        )
        for n, fee in enumerate(_get(row, "fees", []), start=1)
    )
    procedure.required_documents.all().delete()
    RequiredDocument.objects.bulk_create(
        RequiredDocument(
            procedure=procedure,
            order=n,
            name=doc["name"],
            originals=_get(doc, "originals", 1),
            copies=_get(doc, "copies", 0),
            is_required=_get(doc, "is_required", True),
            note=doc.get("note") or "",
            form_template=forms.get(doc.get("form_template") or ""),
        )
        for n, doc in enumerate(_get(row, "required_documents", []), start=1)
    )
    refresh_search_fields(procedure)
    procedure.save(update_fields=["search_name", "search_body"])


def describe(result: ImportResult) -> str:
    """Summarise an import in one Vietnamese sentence."""
    return _(
        "Đã nhập %(procedures)d thủ tục (%(created)d mới, %(updated)d cập nhật), "
        "%(fields)d lĩnh vực, %(agencies)d cơ quan, %(forms)d biểu mẫu "
        "(%(built)d tạo mới)."
    ) % {
        "procedures": result.procedures,
        "created": len(result.created),
        "updated": len(result.updated),
        "fields": result.fields,
        "agencies": result.agencies,
        "forms": result.forms,
        "built": result.forms_built,
    }
