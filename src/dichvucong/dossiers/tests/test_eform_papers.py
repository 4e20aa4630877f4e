"""A paper the e-form replaces is not asked online; without an e-form it still is."""

import io
import uuid

import pytest
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.models import AttachmentKind
from dichvucong.dossiers.receipts import render_receipt
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import ANSWERS, procedure_with_documents

pytestmark = pytest.mark.django_db


def _submit(procedure, data=ANSWERS):
    return dossier_submit(
        applicant=make_citizen(),
        procedure=procedure,
        data=data,
        files=[],
        idempotency_key=uuid.uuid4(),
    )


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_paper_replaced_by_the_eform_is_not_required_and_the_receipt_names_the_eform():
    procedure, to_khai, _ = procedure_with_documents()
    to_khai.replaced_by_eform = True
    to_khai.save()
    dossier = _submit(procedure)
    assert dossier.code
    text = _text(render_receipt(dossier))
    assert "1. Tờ khai điện tử (đã điền trực tuyến)" in text
    assert "Tờ khai theo mẫu" not in text
    eform = dossier.attachments.get(kind=AttachmentKind.EFORM)
    assert eform.required_document == to_khai
    assert "Trần Thị Mai" in _text(eform.file.read())


def test_without_the_mark_the_paper_is_still_required():
    procedure, _, _ = procedure_with_documents()
    with pytest.raises(SubmissionError) as caught:
        _submit(procedure)
    assert "Còn thiếu giấy tờ bắt buộc: Tờ khai theo mẫu" in caught.value.messages


def test_a_procedure_without_an_eform_still_asks_the_marked_paper():
    procedure, to_khai, _ = procedure_with_documents()
    procedure.form_schema = []
    procedure.save()
    to_khai.replaced_by_eform = True
    to_khai.save()
    with pytest.raises(SubmissionError) as caught:
        _submit(procedure, data={})
    assert "Còn thiếu giấy tờ bắt buộc: Tờ khai theo mẫu" in caught.value.messages


def test_a_failed_rendering_never_refuses_the_submission_and_the_pdf_is_made_later(
    monkeypatch,
):
    from dichvucong.dossiers import eform_pdf
    from dichvucong.dossiers.tasks import generate_receipt

    procedure, to_khai, _ = procedure_with_documents()
    to_khai.replaced_by_eform = True
    to_khai.save()

    def broken(dossier):
        raise RuntimeError("font missing")

    monkeypatch.setattr(eform_pdf, "render_eform_pdf", broken)
    dossier = _submit(procedure)
    assert dossier.code and not dossier.attachments.filter(kind=AttachmentKind.EFORM).exists()

    monkeypatch.undo()
    generate_receipt.enqueue(dossier.pk)  # the receipt task repairs it (as the officer page does)
    eform = dossier.attachments.get(kind=AttachmentKind.EFORM)
    assert "Trần Thị Mai" in _text(eform.file.read())
