import json
import re

import pytest
from django.core.management import call_command

from dichvucong.catalog.models import Field, FormTemplate, Procedure
from dichvucong.demo.steps.catalog import DATA

CATALOG = json.loads(DATA.read_text(encoding="utf-8"))


def _complete(procedure: dict) -> bool:
    documents = procedure.get("required_documents", [])
    return bool(
        documents
        and procedure.get("steps")
        and procedure.get("method")
        and procedure.get("result")
        and procedure.get("legal_basis")
        and (procedure.get("fees") or procedure.get("fee_text"))
        and procedure.get("processing_days") is not None
        and any(d.get("form_template") for d in documents)
    )


def test_demo_catalog_is_large_and_varied_enough():
    procedures = CATALOG["procedures"]
    codes = [p["code"] for p in procedures]

    assert len(procedures) >= 80 and len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[1-3]\.\d{6}", code) for code in codes)
    assert len({p["field"] for p in procedures}) >= 12
    assert sum(_complete(p) for p in procedures) >= 20


def test_complete_procedures_count_their_papers_and_name_their_fees():
    for procedure in filter(_complete, CATALOG["procedures"]):
        for document in procedure["required_documents"]:
            if document.get("is_required", True):
                assert document.get("originals", 1) + document.get("copies", 0) >= 1, document
        assert all(isinstance(fee["amount"], int) for fee in procedure.get("fees", []))


def test_demo_agencies_are_marked_when_their_codes_are_unconfirmed():
    levels = {a["level"] for a in CATALOG["agencies"]}

    assert levels == {"province", "commune"}
    assert all(a["is_demo_code"] for a in CATALOG["agencies"] if a["code"].endswith("X60"))
    names = {a["name"] for a in CATALOG["agencies"]}
    assert "Sở Tư pháp tỉnh Bình Thuận" in names and "Công an tỉnh tỉnh Bình Thuận" not in names


def test_ten_most_used_procedures_are_marked_popular():
    popular = sorted(CATALOG["procedures"], key=lambda p: -p.get("popularity", 0))[:10]

    assert all(p.get("popularity", 0) > 0 for p in popular)
    assert "1.001193" in {p["code"] for p in popular}


@pytest.mark.django_db
def test_load_demo_imports_the_catalog_and_twice_changes_nothing(capsys):
    call_command("load_demo")
    files = dict(FormTemplate.objects.values_list("code", "file"))
    call_command("load_demo")

    out = capsys.readouterr().out
    total, fields = Procedure.objects.count(), Field.objects.count()
    assert f"Danh mục: {total} thủ tục, {fields} lĩnh vực" in out
    assert total == len(CATALOG["procedures"]) and fields >= 12
    assert dict(FormTemplate.objects.values_list("code", "file")) == files
    birth = Procedure.objects.get(code="1.001193")
    assert birth.required_documents.filter(form_template__isnull=False).exists()
    assert birth.search_name.startswith("1 001193 thu tuc dang ky khai sinh")


def _draft_with_a_file_per_paper():
    from dichvucong.accounts.tests.factories import make_citizen
    from dichvucong.dossiers.services import attachment_add, draft_create
    from dichvucong.dossiers.tests.helpers import small_pdf, upload

    citizen = make_citizen()
    procedure = Procedure.objects.get(code="1.001193")
    agency = procedure.agencies.first()
    draft = draft_create(applicant=citizen, procedure=procedure, agency=agency)
    for paper in procedure.required_documents.all():
        attachment_add(
            dossier=draft,
            required_document=paper,
            upload=upload("a.pdf", small_pdf()),
            user=citizen,
        )
    return draft


@pytest.mark.django_db
def test_a_restart_keeps_every_uploaded_file_on_its_paper():
    from dichvucong.core.models import AuditLog, SystemValue
    from dichvucong.demo.steps.catalog import DIGEST_KEY

    call_command("load_demo")
    draft = _draft_with_a_file_per_paper()
    links = dict(draft.attachments.values_list("pk", "required_document_id"))
    assert links and None not in links.values()
    imports = AuditLog.objects.filter(action="catalog.import").count()

    call_command("load_demo")  # what every `make run` does: the file has not changed
    assert AuditLog.objects.filter(action="catalog.import").count() == imports
    SystemValue.objects.filter(key=DIGEST_KEY).update(value="a file from an older release")
    call_command("load_demo")  # the digest changed: the catalog is imported again, in place

    assert dict(draft.attachments.values_list("pk", "required_document_id")) == links
    assert SystemValue.objects.get(key=DIGEST_KEY).value != "a file from an older release"
