import uuid

import pytest
from django.core.files.storage import default_storage

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_agency
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.models import (
    Attachment,
    AttachmentKind,
    Channel,
    Dossier,
    DossierEvent,
    DossierStatus,
)
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    small_pdf,
    upload,
)
from dichvucong.notifications.models import SmsMessage

pytestmark = pytest.mark.django_db


def _submit(citizen, procedure, doc, **kwargs):
    files = kwargs.pop("files", [(doc, upload("to-khai.jpg", document_photo()))])
    return dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=kwargs.pop("data", ANSWERS),
        files=files,
        idempotency_key=kwargs.pop("key", uuid.uuid4()),
        **kwargs,
    )


def test_submission_gets_a_code_status_new_online_and_history_but_no_appointment_yet(
    django_capture_on_commit_callbacks,
):
    citizen = make_citizen()
    procedure, doc, _ = procedure_with_documents(agencies=[make_agency(code="000.00.31.H56")])
    with django_capture_on_commit_callbacks(execute=True):
        dossier = _submit(citizen, procedure, doc)
    dossier.refresh_from_db()
    assert dossier.code.startswith("000.00.31.H56-")
    assert dossier.code.endswith("-0001")
    assert dossier.status == DossierStatus.NEW
    assert dossier.channel == Channel.ONLINE
    assert dossier.due_at is None  # the clock starts when an officer receives it
    assert dossier.form_data["copies"] == 2
    assert DossierEvent.objects.filter(dossier=dossier, to_status=DossierStatus.NEW).exists()
    assert dossier.attachments.filter(kind=AttachmentKind.SLIP).count() == 1
    sms = SmsMessage.objects.get(dossier_id=dossier.pk, purpose="dossier_submitted")
    assert dossier.code in sms.text and "Hẹn khi tiếp nhận hồ sơ" in sms.text


def test_the_same_idempotency_key_returns_the_same_dossier():
    citizen = make_citizen()
    procedure, doc, _ = procedure_with_documents()
    key = uuid.uuid4()
    first = _submit(citizen, procedure, doc, key=key)
    again = _submit(citizen, procedure, doc, key=key)
    assert again.pk == first.pk
    assert Dossier.objects.filter(applicant=citizen).count() == 1


def test_missing_required_document_is_refused_and_nothing_is_kept():
    citizen = make_citizen()
    procedure, doc, optional = procedure_with_documents()
    with pytest.raises(SubmissionError) as caught:
        _submit(citizen, procedure, doc, files=[(optional, upload("a.pdf", small_pdf()))])
    assert "Còn thiếu giấy tờ bắt buộc: Tờ khai theo mẫu" in caught.value.messages
    assert not Dossier.objects.exists()
    assert not Attachment.objects.exists()


def test_wrong_typed_form_value_is_refused_with_a_vietnamese_message():
    citizen = make_citizen()
    procedure, doc, _ = procedure_with_documents()
    with pytest.raises(SubmissionError) as caught:
        _submit(citizen, procedure, doc, data={**ANSWERS, "copies": "hai", "id_number": "123"})
    assert caught.value.field_errors["copies"] == ["Vui lòng nhập một số nguyên."]
    assert "12 chữ số" in caught.value.field_errors["id_number"][0]
    assert not Dossier.objects.exists()


def test_a_crash_in_the_middle_of_submit_leaves_no_dossier_and_no_file(monkeypatch):
    citizen = make_citizen()
    procedure, doc, _ = procedure_with_documents()
    saved: list[str] = []
    original_save = default_storage.save

    def tracking_save(name, content, max_length=None):
        saved.append(original_save(name, content, max_length=max_length))
        return saved[-1]

    def crash(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(default_storage, "save", tracking_save)
    monkeypatch.setattr("dichvucong.dossiers.services.opening.allocate_dossier_code", crash)
    with pytest.raises(RuntimeError):
        _submit(citizen, procedure, doc)
    assert saved, "the file was written before the crash"
    assert not any(default_storage.exists(name) for name in saved)
    assert not Dossier.objects.exists()
    assert not Attachment.objects.exists()


def test_a_failing_sms_never_undoes_the_submission(monkeypatch, django_capture_on_commit_callbacks):
    def broken(**kwargs):
        raise RuntimeError("SMS gateway down")

    monkeypatch.setattr("dichvucong.notifications.services.send_sms", broken)
    citizen = make_citizen()
    procedure, doc, _ = procedure_with_documents()
    with django_capture_on_commit_callbacks(execute=True):
        dossier = _submit(citizen, procedure, doc)
    assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.NEW
