"""A re-import of the catalog never detaches a citizen's file from the paper it was for."""

import uuid

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.importer import import_catalog
from dichvucong.catalog.models import Procedure, RequiredDocument
from dichvucong.catalog.tests.catalog_data import catalog
from dichvucong.dossiers.models import Attachment
from dichvucong.dossiers.papers import documents_with_files
from dichvucong.dossiers.services import attachment_add, dossier_submit, draft_create
from dichvucong.dossiers.tests.helpers import document_photo, small_pdf, upload

pytestmark = pytest.mark.django_db

FORM_PAPER = "Tờ khai đăng ký khai sinh theo mẫu"


def _dossier_with_files():
    import_catalog(catalog())
    procedure = Procedure.objects.get(code="1.001193")
    form_paper, birth_paper = procedure.required_documents.all()
    citizen = make_citizen()
    submitted = dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data={},
        files=[
            (form_paper, upload("to-khai.pdf", small_pdf())),
            (birth_paper, upload("chung-sinh.jpg", document_photo())),
        ],
        idempotency_key=uuid.uuid4(),
    )
    draft = draft_create(applicant=citizen, procedure=procedure)
    attachment_add(
        dossier=draft,
        required_document=form_paper,
        upload=upload("to-khai.pdf", small_pdf()),
        user=citizen,
    )
    return citizen, submitted, draft


def _links() -> dict[int, int | None]:
    return dict(Attachment.objects.values_list("pk", "required_document_id"))


def test_reimporting_the_catalog_keeps_every_file_on_its_paper():
    _citizen, _submitted, _draft = _dossier_with_files()
    links = _links()
    data = catalog()
    data["procedures"][0]["required_documents"][1]["note"] = "Bản chính do cơ sở y tế cấp."

    import_catalog(catalog())
    import_catalog(data)

    assert _links() == links and None not in {v for v in links.values() if v is not None}
    assert sum(v is not None for v in links.values()) == 3


def test_a_paper_dropped_from_the_file_is_retired_and_still_shown_on_dossiers(client):
    citizen, submitted, draft = _dossier_with_files()
    links = _links()
    data = catalog()
    data["procedures"][0]["required_documents"].pop(0)

    import_catalog(data)

    assert _links() == links
    retired = RequiredDocument.objects.get(name=FORM_PAPER)
    assert not retired.is_active
    shown = {doc.name: len(files) for doc, files in documents_with_files(submitted)}
    assert shown == {FORM_PAPER: 1, "Giấy chứng sinh": 1}
    client.force_login(citizen)
    detail = client.get(reverse("tracking:my_dossier", args=[submitted.code]))
    assert FORM_PAPER in detail.content.decode()
    files_page = client.get(reverse("dossiers:draft_files", args=[draft.pk]))
    assert FORM_PAPER in files_page.content.decode()
    # A new dossier is no longer asked for it, and the catalog page no longer lists it.
    assert (
        FORM_PAPER not in client.get(reverse("dossiers:start", args=["1.001193"])).content.decode()
    )
    page = client.get(reverse("catalog:procedure_detail", args=["1.001193"])).content.decode()
    assert FORM_PAPER not in page and "Giấy chứng sinh" in page


def test_a_new_dossier_can_be_submitted_without_the_retired_paper():
    import_catalog(catalog())
    data = catalog()
    data["procedures"][0]["required_documents"].pop(0)
    import_catalog(data)
    procedure = Procedure.objects.get(code="1.001193")
    birth_paper = procedure.required_documents.active().get()

    dossier = dossier_submit(
        applicant=make_citizen(),
        procedure=procedure,
        data={},
        files=[(birth_paper, upload("chung-sinh.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )

    assert dossier.code


def test_a_paper_with_files_cannot_be_deleted():
    _dossier_with_files()
    paper = RequiredDocument.objects.get(name=FORM_PAPER)

    with pytest.raises(ProtectedError):
        paper.delete()
