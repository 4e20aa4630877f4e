"""The citizen's store: accepted papers and signed results enter it, reuse shares the bytes."""

import uuid

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import Attachment, AttachmentKind, StoredPaper, StoredPaperOrigin
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.services import dossier_submit, draft_create, draft_discard
from dichvucong.dossiers.store.exchange import pull_from_national_store
from dichvucong.dossiers.store.services import attach_from_store, store_delete
from dichvucong.dossiers.store.sync import submitted_file_entry
from dichvucong.dossiers.tests.helpers import ANSWERS, document_photo, procedure_with_documents
from dichvucong.dossiers.tests.helpers import upload as make_upload
from dichvucong.esign.tests.helpers import use_demo_signer
from dichvucong.processing.tests.factories import agency_officer, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("esign") / "demo-ca"


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


def _files_on_disk(root) -> int:
    return sum(1 for p in root.rglob("*") if p.is_file())


def _submitted(citizen, procedure, doc):
    return dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        files=[(doc, make_upload("cccd.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )


def _accepted(citizen, capture):
    procedure, doc, _optional = procedure_with_documents()
    dossier = _submitted(citizen, procedure, doc)
    with capture(execute=True):
        walk_to(dossier, S.RECEIVED)
    return procedure, doc, dossier


def test_an_officer_accepting_a_dossier_keeps_its_papers_in_the_applicants_store(
    media, django_capture_on_commit_callbacks
):
    citizen = make_citizen()
    _procedure, doc, dossier = _accepted(citizen, django_capture_on_commit_callbacks)

    paper = StoredPaper.objects.get(owner=citizen)
    attachment = dossier.attachments.get(kind=AttachmentKind.APPLICATION)
    assert paper.origin == StoredPaperOrigin.ACCEPTED
    assert paper.name == doc.name and paper.source_dossier == dossier
    assert paper.file.name == attachment.file.name  # the same bytes, not a copy
    assert _files_on_disk(media) == 1 + dossier.attachments.exclude(pk=attachment.pk).count()


def test_a_submitted_dossier_not_yet_accepted_keeps_nothing(media):
    citizen = make_citizen()
    procedure, doc, _optional = procedure_with_documents()
    _submitted(citizen, procedure, doc)
    assert not StoredPaper.objects.filter(owner=citizen).exists()


def test_reuse_attaches_the_same_stored_bytes_without_a_second_copy(
    media, django_capture_on_commit_callbacks
):
    citizen = make_citizen()
    procedure, doc, _first = _accepted(citizen, django_capture_on_commit_callbacks)
    paper = StoredPaper.objects.get(owner=citizen)
    before = _files_on_disk(media)

    draft = draft_create(applicant=citizen, procedure=procedure)
    reused = attach_from_store(dossier=draft, required_document=doc, paper=paper, user=citizen)

    assert _files_on_disk(media) == before
    assert reused.file.name == paper.file.name and reused.sha256 == paper.sha256
    assert reused.width == paper.width and reused.blur_score == paper.blur_score
    entry = submitted_file_entry(reused)
    assert entry["DuocTaiSuDung"] is True and entry["DuocLayTuKhoDMQG"] is False
    assert AuditLog.objects.filter(action="store.reused", actor=citizen).count() == 1
    # The dossier that took it is submitted with the stored paper as its file.
    submitted = dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        draft=draft,
        idempotency_key=uuid.uuid4(),
    )
    assert submitted.status == S.NEW
    assert submitted.attachments.get(kind=AttachmentKind.APPLICATION).is_reused


def test_deleting_the_store_copy_never_deletes_a_file_a_dossier_still_has(
    media, django_capture_on_commit_callbacks
):
    citizen = make_citizen()
    procedure, doc, dossier = _accepted(citizen, django_capture_on_commit_callbacks)
    paper = StoredPaper.objects.get(owner=citizen)
    draft = draft_create(applicant=citizen, procedure=procedure)
    attach_from_store(dossier=draft, required_document=doc, paper=paper, user=citizen)

    with django_capture_on_commit_callbacks(execute=True):
        store_delete(paper=paper, actor=citizen)
        draft_discard(dossier=draft)

    original = dossier.attachments.get(kind=AttachmentKind.APPLICATION)
    assert default_storage.exists(original.file.name)
    with original.file.open("rb") as handle:
        assert handle.read(3) == b"\xff\xd8\xff"
    assert AuditLog.objects.filter(action="store.deleted", actor=citizen).exists()


def test_a_signed_result_enters_the_store_pushes_and_can_be_pulled_back(
    media, settings, ca_dir, django_capture_on_commit_callbacks
):
    use_demo_signer(settings, ca_dir)
    settings.NATIONAL_STORE_PROVIDER = "demo"
    citizen = make_citizen()
    procedure, doc, dossier = _accepted(citizen, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        walk_to(dossier, S.DONE)

    result = StoredPaper.objects.get(owner=citizen, origin=StoredPaperOrigin.RESULT)
    copy = Attachment.objects.get(dossier=dossier, kind=AttachmentKind.RESULT).signed_copy
    assert result.result_code == f"{dossier.code}-KQ1" == result.number
    assert result.file.name == copy.file.name and result.sha256 == copy.sha256
    assert result.signature_state == "valid"
    assert result.issuer == dossier.agency.name
    assert result.national_pushed_at is not None  # pushed to the (demo) national store
    assert AuditLog.objects.filter(action="store.national_push", target_id=str(result.pk))

    # Pulled from the national store: a paper of its own, reused with DuocLayTuKhoDMQG.
    result.delete()
    pulled = pull_from_national_store(owner=citizen, result_code=copy.result_code)[0]
    assert pulled.origin == StoredPaperOrigin.NATIONAL and pulled.sha256 == copy.sha256
    draft = draft_create(applicant=citizen, procedure=procedure)
    reused = attach_from_store(dossier=draft, required_document=doc, paper=pulled, user=citizen)
    assert submitted_file_entry(reused)["DuocLayTuKhoDMQG"] is True


def test_the_national_store_gives_nothing_to_someone_else(
    media, settings, ca_dir, django_capture_on_commit_callbacks
):
    from dichvucong.dossiers.store.services import StoreError

    use_demo_signer(settings, ca_dir)
    settings.NATIONAL_STORE_PROVIDER = "demo"
    citizen = make_citizen()
    _procedure, _doc, dossier = _accepted(citizen, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        walk_to(dossier, S.DONE)
    other = make_citizen()

    with pytest.raises(StoreError, match="Không tìm thấy"):
        pull_from_national_store(owner=other, result_code=f"{dossier.code}-KQ1")


def test_only_the_owner_opens_a_stored_paper_and_officers_only_through_the_dossier(
    client, media, django_capture_on_commit_callbacks
):
    citizen = make_citizen()
    procedure, doc, dossier = _accepted(citizen, django_capture_on_commit_callbacks)
    paper = StoredPaper.objects.get(owner=citizen)
    url = reverse("dossiers:store_file", args=[paper.pk])
    officer = agency_officer(dossier.agency, "counter")

    for someone in (make_citizen(), officer):
        client.force_login(someone)
        assert client.get(url).status_code == 404
        assert client.get(reverse("dossiers:store")).content.decode().count(paper.name) == 0
    client.force_login(citizen)
    page = client.get(url + "?tai-ve=1")
    assert page.status_code == 200 and "attachment" in page["Content-Disposition"]
    assert AuditLog.objects.filter(
        action="store.opened", actor=citizen, target_id=str(paper.pk), data__how="download"
    ).exists()

    # The citizen submits it again in a new dossier; the agency's officer opens it there.
    draft = draft_create(applicant=citizen, procedure=procedure)
    reused = attach_from_store(dossier=draft, required_document=doc, paper=paper, user=citizen)
    dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        draft=draft,
        idempotency_key=uuid.uuid4(),
    )
    client.force_login(officer)
    assert client.get(reverse("dossiers:file", args=[reused.pk])).status_code == 200
    back_office = reverse("processing:attachment", args=[reused.dossier_id, reused.pk])
    assert client.get(back_office).status_code == 200
    assert (
        AuditLog.objects.filter(
            action="store.opened", actor=officer, target_id=str(paper.pk), data__dossier=draft.pk
        ).count()
        == 2
    )


def test_a_result_that_cannot_be_signed_is_still_kept_as_issued(
    media, settings, ca_dir, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dichvucong.dossiers.services.signing import sign_copy
    from dichvucong.processing.services import add_result_file, approval_step, dossier_transition

    use_demo_signer(settings, ca_dir)
    citizen = make_citizen()
    _procedure, _doc, dossier = _accepted(citizen, django_capture_on_commit_callbacks)
    specialist = agency_officer(dossier.agency, "specialist")
    dossier = walk_to(dossier, S.PROCESSING)
    photo = SimpleUploadedFile("ket-qua.jpg", document_photo(size=(1000, 1300)))
    add_result_file(dossier=dossier, actor=specialist, upload=photo)
    approval_step(dossier=dossier, action="submit_for_approval", actor=specialist)
    leader = agency_officer(dossier.agency, "leader")
    dossier_transition(dossier=dossier, to=S.DONE, actor=leader)  # no commit: still pending
    result = Attachment.objects.get(dossier=dossier, kind=AttachmentKind.RESULT)
    assert not StoredPaper.objects.filter(origin=StoredPaperOrigin.RESULT).exists()

    sign_copy(copy_id=result.signed_copy.pk)  # the worker, later: a photo cannot be signed

    result.signed_copy.refresh_from_db()
    assert result.signed_copy.state == "failed"
    kept = StoredPaper.objects.get(owner=citizen, origin=StoredPaperOrigin.RESULT)
    assert kept.file.name == result.file.name and kept.content_type == "image/jpeg"
    assert kept.result_code == f"{dossier.code}-KQ1"
