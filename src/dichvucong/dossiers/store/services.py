"""Writes on the citizen's store: keep accepted papers and results, add, delete, reuse."""

import logging

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.core.audit import audit_log
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.models import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierStatus,
    SignatureState,
    SignedCopy,
)
from dichvucong.dossiers.permissions import can_use_stored_paper
from dichvucong.dossiers.store.models import StoredPaper, StoredPaperOrigin
from dichvucong.dossiers.uploads import check_upload
from dichvucong.dossiers.uploads.pdfs import signature_check
from dichvucong.dossiers.uploads.pipeline import CheckedFile
from dichvucong.dossiers.uploads.store import (
    check_dossier_room,
    files_cleaned_on_failure,
    release_files,
)

logger = logging.getLogger(__name__)
# What an attachment and a stored paper both know about the bytes (copied, never recomputed).
FILE_FIELDS = (
    "original_name",
    "content_type",
    "extension",
    "size",
    "sha256",
    "width",
    "height",
    "page_count",
    "blur_score",
    "signature_state",
    "signature_note",
)
APPLICANT_KINDS = (AttachmentKind.APPLICATION, AttachmentKind.SUPPLEMENT)


class StoreError(Exception):
    """A store action refused; `.message` is Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


def result_name(procedure) -> str:
    """Return a result's paper name: the procedure's result up to its first note."""
    text = (procedure.result or "").split("(")[0].split(";")[0].strip(" .")
    return (text or procedure.name)[:500]


def _file_fields(source) -> dict:
    return {name: getattr(source, name) for name in FILE_FIELDS}


def _keep(*, owner_id: int, file_name: str, fields: dict, **meta) -> StoredPaper | None:
    """Add one paper unless the owner already keeps these bytes (a reused paper, a rerun)."""
    if StoredPaper.objects.filter(owner_id=owner_id, sha256=fields["sha256"]).exists():
        return None
    paper = StoredPaper(owner_id=owner_id, **fields, **meta)
    paper.file.name = file_name  # the same stored bytes: no copy
    try:
        with transaction.atomic():
            paper.save()
    except IntegrityError:
        return None  # a concurrent run kept it first
    audit_log(action="store.kept", target=paper, data={"origin": paper.origin})
    return paper


def keep_dossier_papers(*, dossier: Dossier) -> list[StoredPaper]:
    """Keep the papers of a dossier an officer accepted in its applicant's store (once)."""
    if dossier.applicant_id is None:
        return []
    attachments = dossier.attachments.filter(kind__in=APPLICANT_KINDS).select_related(
        "required_document"
    )
    kept = []
    with transaction.atomic():
        for attachment in attachments:
            document = attachment.required_document
            paper = _keep(
                owner_id=dossier.applicant_id,
                file_name=attachment.file.name,
                fields=_file_fields(attachment),
                origin=StoredPaperOrigin.ACCEPTED,
                name=(document.name if document else attachment.original_name)[:500],
                paper_code=document.code if document else "",
                source_dossier=dossier,
                source_attachment=attachment,
            )
            kept += [paper] if paper else []
    return kept


def keep_result(*, attachment: Attachment) -> StoredPaper | None:
    """Keep an issued result in the applicant's store: the signed copy once it is signed."""
    dossier = attachment.dossier
    if dossier.applicant_id is None or attachment.kind != AttachmentKind.RESULT:
        return None
    copy = SignedCopy.objects.filter(attachment=attachment).first()
    if copy is not None and copy.state == SignatureState.PENDING:
        return None  # the signing task keeps it when it is done
    signed = copy is not None and copy.state == SignatureState.SIGNED
    fields = _file_fields(attachment)
    if signed:
        with copy.file.open("rb") as handle:
            state, note = signature_check(handle)
        fields |= {"size": copy.size, "sha256": copy.sha256, "content_type": "application/pdf"}
        fields |= {"extension": ".pdf", "signature_state": state, "signature_note": note}
    meta = {
        "origin": StoredPaperOrigin.RESULT,
        "name": result_name(dossier.procedure),
        "number": (copy.result_code or "") if copy else "",
        "result_code": (copy.result_code or "") if copy else "",
        "issuer": dossier.agency.name,
        "issued_on": timezone.localdate(copy.signed_at if signed else timezone.now()),
        "source_dossier": dossier,
        "source_attachment": attachment,
    }
    name = copy.file.name if signed else attachment.file.name
    with transaction.atomic():
        unsigned = StoredPaper.objects.filter(
            source_attachment=attachment, origin=StoredPaperOrigin.RESULT
        ).first()
        if unsigned is not None and signed and unsigned.sha256 != copy.sha256:
            # Signed after it was kept unsigned (a retried signature): keep the signed bytes.
            StoredPaper.objects.filter(pk=unsigned.pk).update(**fields, **meta, file=name)
            return StoredPaper.objects.get(pk=unsigned.pk)
        paper = _keep(owner_id=dossier.applicant_id, file_name=name, fields=fields, **meta)
        if paper is not None and paper.result_code:
            from dichvucong.dossiers.tasks import push_result_task

            enqueue_on_commit(push_result_task, paper.pk)
    return paper


def keep_results(*, dossier: Dossier) -> list[StoredPaper]:
    """Keep every result of a dossier that is done (those still being signed wait)."""
    results = dossier.attachments.filter(kind=AttachmentKind.RESULT).order_by("created_at", "id")
    return [p for a in results if (p := keep_result(attachment=a)) is not None]


def store_add(*, owner, upload, details: dict, ip_address: str | None = None) -> StoredPaper:
    """Add a citizen's own paper through the upload pipeline (sniffed, checked, cleaned)."""
    checked = check_upload(upload, name=upload.name, size=upload.size)
    return store_checked_paper(
        owner=owner,
        checked=checked,
        origin=StoredPaperOrigin.OWN,
        details=details,
        ip_address=ip_address,
    )


def store_checked_paper(
    *, owner, checked: CheckedFile, origin: str, details: dict, ip_address: str | None = None
) -> StoredPaper:
    """Store checked bytes as a new paper of the owner's store (refuses a duplicate)."""
    if StoredPaper.objects.filter(owner=owner, sha256=checked.sha256).exists():
        raise StoreError(_("Giấy tờ này đã có trong kho dữ liệu của bạn."))
    fields = {
        "original_name": checked.original_name,
        "content_type": checked.kind.content_type,
        "extension": checked.kind.extension,
        "size": checked.size,
        "sha256": checked.sha256,
        "width": checked.width,
        "height": checked.height,
        "page_count": checked.page_count,
        "blur_score": checked.blur_score,
        "signature_state": checked.signature_state,
        "signature_note": checked.signature_note,
    }
    with files_cleaned_on_failure() as stored, transaction.atomic():
        paper = StoredPaper(owner=owner, origin=origin, **fields, **details)
        checked.data.seek(0)
        paper.file.save("upload", File(checked.data), save=False)
        stored.append(paper.file.name)
        paper.save()
        audit_log(
            action="store.added",
            actor=owner,
            target=paper,
            data={"origin": origin},
            ip_address=ip_address,
        )
    return paper


def store_delete(*, paper: StoredPaper, actor, ip_address: str | None = None) -> None:
    """Delete the owner's copy; its bytes stay while a dossier or signed copy names them."""
    if not can_use_stored_paper(actor, paper):
        raise StoreError(_("Bạn không có quyền với giấy tờ này."))
    with transaction.atomic():
        name = paper.file.name
        audit_log(
            action="store.deleted",
            actor=actor,
            target=paper,
            data={"name": paper.name, "sha256": paper.sha256},
            ip_address=ip_address,
        )
        paper.delete()
        release_files([name])


def stored_paper_opened(*, paper: StoredPaper, actor, how: str, ip_address=None) -> None:
    """Audit one look at a stored paper (the owner's store or an officer's dossier)."""
    audit_log(
        action="store.opened",
        actor=actor,
        target=paper,
        data={"how": how},
        ip_address=ip_address,
    )


def attachment_opened(*, attachment: Attachment, actor, ip_address=None) -> None:
    """Audit a look at a dossier file that was taken from a citizen's store (else nothing)."""
    if attachment.stored_paper_id is None:
        return
    audit_log(
        action="store.opened",
        actor=actor,
        target=attachment.stored_paper,
        data={"how": "dossier", "dossier": attachment.dossier_id, "attachment": attachment.pk},
        ip_address=ip_address,
    )


def attach_from_store(
    *, dossier: Dossier, required_document, paper: StoredPaper, user, ip_address=None
) -> Attachment:
    """Attach a stored paper to a draft in one step: the same bytes, checked once already."""
    if not can_use_stored_paper(user, paper):
        raise StoreError(_("Bạn không có quyền với giấy tờ này."))
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.status != DossierStatus.DRAFT:
            raise SubmissionError([_("Hồ sơ đã nộp, không thể thay đổi tệp.")])
        existing = locked.attachments.filter(
            stored_paper=paper, required_document=required_document
        ).first()
        if existing is not None:
            return existing  # a second click
        check_dossier_room(locked, paper.size)
        attachment = Attachment(
            dossier=locked,
            kind=AttachmentKind.APPLICATION,
            required_document=required_document,
            uploaded_by=user,
            stored_paper=paper,
            is_reused=True,
            from_national_store=paper.origin == StoredPaperOrigin.NATIONAL,
            **_file_fields(paper),
        )
        attachment.file.name = paper.file.name
        attachment.save()
        audit_log(
            action="store.reused",
            actor=user,
            target=paper,
            data={"dossier": locked.pk, "attachment": attachment.pk},
            ip_address=ip_address,
        )
    return attachment
