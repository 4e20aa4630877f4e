"""Write a validated catalog in one transaction, updating rows in place by stable keys."""

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
    IdentityLevel,
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


# What each validated row copies onto its stored row: attribute -> the value a missing key (or
# JSON null) stands for. To import a new attribute, add its key here (and to validate.py).
FIELD_ATTRIBUTES: dict[str, object] = {"name": "", "order": 0}
AGENCY_ATTRIBUTES: dict[str, object] = {
    "name": "",
    "short_name": "",
    "level": "",
    "address": "",
    "phone": "",
    "email": "",
    "is_demo_code": False,
}
FEE_ATTRIBUTES: dict[str, object] = {
    "name": "",
    "amount": 0,
    "note": "",
    "channel": FeeChannel.ANY,
    "unit": FeeUnit.DOSSIER,
    "quantity_field": "",
    "is_optional": False,
}
PAPER_ATTRIBUTES: dict[str, object] = {
    "code": "",
    "name": "",
    "originals": 1,
    "copies": 0,
    "is_required": True,
    "replaced_by_eform": False,
    "fetched_from": "",
    "note": "",
}


@dataclass
class ImportResult:
    """What one import wrote."""

    fields: int = 0
    agencies: int = 0
    forms: int = 0
    forms_built: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired_papers: list[str] = field(default_factory=list)
    writes: int = 0

    @property
    def procedures(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def _get(row: dict, key: str, default):
    """Return row[key], treating a missing key and JSON null alike."""
    value = row.get(key)
    return default if value is None else value


def _copied(row: dict, attributes: dict[str, object]) -> dict:
    return {key: _get(row, key, default) for key, default in attributes.items()}


def _assign(instance, values: dict) -> list[str]:
    """Set `values` on the instance; return the names of the fields whose value changed."""
    changed = []
    for name, value in values.items():
        model_field = instance._meta.get_field(name)
        wanted = value.pk if model_field.is_relation and value is not None else value
        if getattr(instance, model_field.attname) != wanted:
            changed.append(name)
        setattr(instance, name, value)  # for a relation this also keeps the related row
    return changed


def _store(instance, values: dict, result: ImportResult) -> bool:
    """Create the row or update only what differs; return whether anything was written."""
    changed = _assign(instance, values)
    if instance.pk is None:
        instance.save()
    elif changed:
        if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
            changed.append("updated_at")
        instance.save(update_fields=changed)
    else:
        return False
    result.writes += 1
    return True


def import_catalog(data: dict, *, actor=None) -> ImportResult:
    """Validate the whole catalog, then write it in one transaction or raise CatalogImportError.

    Rows are matched by stable keys and updated in place; an unchanged file writes nothing.
    """
    problems = validate_catalog(data)
    if problems:
        raise CatalogImportError(problems)
    result = ImportResult()
    with transaction.atomic():
        fields = _save_fields(_get(data, "fields", []), result)
        agencies = _save_agencies(_get(data, "agencies", []), result)
        forms = _save_forms(_get(data, "forms", []), result)
        rows = _get(data, "procedures", [])
        stored = Procedure.objects.in_bulk([row["code"] for row in rows], field_name="code")
        for row in rows:
            _save_procedure(row, stored.get(row["code"]), fields, agencies, forms, result)
        if result.writes:
            audit_log(
                action="catalog.import",
                actor=actor,
                data={
                    "created": result.created,
                    "updated": len(result.updated),
                    "forms_built": result.forms_built,
                    "retired_papers": result.retired_papers,
                },
            )
    return result


def _save_fields(rows, result) -> dict[str, Field]:
    stored = {f.code: f for f in Field.objects.all()}
    for row in rows:
        instance = stored.setdefault(row["code"], Field(code=row["code"]))
        _store(instance, _copied(row, FIELD_ATTRIBUTES), result)
    result.fields = len(rows)
    return stored


def _save_agencies(rows, result) -> dict[str, Agency]:
    agencies = {a.code: a for a in Agency.objects.all()}
    for row in rows:
        instance = agencies.setdefault(row["code"], Agency(code=row["code"]))
        _store(instance, _copied(row, AGENCY_ATTRIBUTES), result)
    for row in rows:  # second pass: a parent may come later in the file
        parent = agencies.get(row.get("parent") or "")
        _store(agencies[row["code"]], {"parent": parent}, result)
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
        if unchanged and template.name == spec["title"]:
            continue
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
        result.writes += 1
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
        "min_identity_level": _get(row, "min_identity_level", IdentityLevel.MEDIUM),
        "popularity": _get(row, "popularity", 0),
        "is_active": _get(row, "is_active", True),
    }


def _save_procedure(row, procedure, fields, agencies, forms, result) -> None:
    created = procedure is None
    if created:
        procedure = Procedure(code=row["code"])
    changed = _assign(procedure, _procedure_values(row, fields))
    if created:
        procedure.save()
    writes = result.writes
    procedure.agencies.set([agencies[code] for code in _get(row, "agencies", [])])
    _save_fees(procedure, _get(row, "fees", []), result)
    _save_papers(procedure, _get(row, "required_documents", []), forms, result)
    searched = (procedure.search_name, procedure.search_body)
    refresh_search_fields(procedure)
    if (procedure.search_name, procedure.search_body) != searched:
        changed += ["search_name", "search_body"]
    if changed and not created:
        procedure.save(update_fields=[*changed, "updated_at"])
    elif changed:
        procedure.save(update_fields=["search_name", "search_body"])
    if created:
        result.created.append(procedure.code)
    elif changed or result.writes > writes:
        result.updated.append(procedure.code)
    else:
        result.unchanged.append(procedure.code)
    result.writes += bool(created or changed)


def _pair(rows: list[dict], stored: list, *, by_code: bool) -> list:
    """Return, for each row of the file, the stored row it updates (None: a new row).

    A row with a code takes the stored row with that code. Otherwise it takes a stored row
    without a code of the same name, else the active one at the same position (a rename).
    """
    free = list(stored)
    pairs: list = [None] * len(rows)

    def take(index: int, candidates) -> None:
        match = next(iter(candidates), None)
        if match is not None:
            pairs[index] = match
            free.remove(match)

    if by_code:
        for index, row in enumerate(rows):
            take(index, (s for s in free if row.get("code") and s.code == row["code"]))

    def uncoded(s) -> bool:
        return not (by_code and s.code)

    for index, row in enumerate(rows):
        if pairs[index] is None:
            take(index, (s for s in free if uncoded(s) and s.name == row["name"]))
    for index, _row in enumerate(rows):
        if pairs[index] is None:
            take(
                index,
                (
                    s
                    for s in free
                    if uncoded(s) and s.order == index + 1 and getattr(s, "is_active", True)
                ),
            )
    return pairs


def _save_fees(procedure, rows, result) -> None:
    stored = list(procedure.fees.all()) if procedure.pk else []
    pairs = _pair(rows, stored, by_code=False)
    for number, (row, fee) in enumerate(zip(rows, pairs, strict=True), start=1):
        values = _copied(row, FEE_ATTRIBUTES) | {"order": number}
        _store(fee or Fee(procedure=procedure), values, result)
    paired = {fee.pk for fee in pairs if fee is not None}
    gone = [fee.pk for fee in stored if fee.pk not in paired]
    if gone:
        Fee.objects.filter(pk__in=gone).delete()
        result.writes += 1


def _save_papers(procedure, rows, forms, result) -> None:
    stored = list(procedure.required_documents.all())
    pairs = _pair(rows, stored, by_code=True)
    for number, (row, paper) in enumerate(zip(rows, pairs, strict=True), start=1):
        values = _copied(row, PAPER_ATTRIBUTES) | {
            "order": number,
            "is_active": True,
            "form_template": forms.get(row.get("form_template") or ""),
        }
        _store(paper or RequiredDocument(procedure=procedure), values, result)
    paired = {paper.pk for paper in pairs if paper is not None}
    for paper in stored:
        # Retired, never deleted: uploaded files keep pointing at the paper they were for.
        if paper.pk not in paired and paper.is_active:
            _store(paper, {"is_active": False}, result)
            result.retired_papers.append(f"{procedure.code}: {paper.name[:80]}")


def describe(result: ImportResult) -> str:
    """Summarise an import in Vietnamese (one sentence, two when papers were retired)."""
    text = _(
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
    if result.retired_papers:
        text += " " + _(
            "%(count)d giấy tờ không còn trong tệp đã được ngừng áp dụng (không xóa)."
        ) % {"count": len(result.retired_papers)}
    return text
