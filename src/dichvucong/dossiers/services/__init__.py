"""Writes on dossiers: drafts, their files, and the atomic online submission."""

import logging
import uuid
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.signin import SignedInIdentity
from dichvucong.catalog.models import Agency, Procedure, RequiredDocument
from dichvucong.dossiers.eform_pdf import store_eform_pdf
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.forms import (
    FormSchemaUnavailable,
    SchemaForm,
    answers,
    checked_schema,
    initial_values,
    prefills,
)
from dichvucong.dossiers.identity import identity_gap
from dichvucong.dossiers.models import (
    Attachment,
    Channel,
    Dossier,
    DossierStatus,
)
from dichvucong.dossiers.papers import missing_papers
from dichvucong.dossiers.services.opening import dossier_open, snapshot_applicant
from dichvucong.dossiers.uploads import CheckedFile, check_upload
from dichvucong.dossiers.uploads.store import (
    check_dossier_room,
    files_cleaned_on_failure,
    release_files,
    store_checked,
)

logger = logging.getLogger(__name__)


def pick_agency(procedure: Procedure, agency: Agency | None) -> Agency:
    """Return the receiving agency: the chosen one if it handles the procedure, or the only one."""
    agencies = list(procedure.agencies.all())
    if agency is not None and any(a.pk == agency.pk for a in agencies):
        return agency
    if agency is None and len(agencies) == 1:
        return agencies[0]
    raise SubmissionError([_("Vui lòng chọn cơ quan tiếp nhận hồ sơ.")])


def draft_create(*, applicant, procedure: Procedure, agency: Agency | None = None) -> Dossier:
    """Start a draft dossier (status 0) for the applicant."""
    if not procedure.can_submit_online:
        raise SubmissionError([_("Thủ tục này chưa nhận hồ sơ trực tuyến.")])
    dossier = Dossier(
        procedure=procedure,
        agency=pick_agency(procedure, agency),
        status=DossierStatus.DRAFT,
        channel=Channel.ONLINE,
        draft_step="form",
    )
    snapshot_applicant(dossier, account=applicant)
    dossier.save()
    return dossier


def draft_mark_step(*, dossier: Dossier, step: str) -> None:
    """Remember which step of the wizard the citizen reached, to resume there."""
    if dossier.draft_step != step:
        Dossier.objects.filter(pk=dossier.pk, status=DossierStatus.DRAFT).update(draft_step=step)
        dossier.draft_step = step


def draft_save_answers(*, dossier: Dossier, form: SchemaForm, step: str = "") -> Dossier:
    """Keep the citizen's answers on the draft, valid or not, so nothing typed is lost."""
    dossier.form_data = answers(form, cleaned=form.is_valid())
    if step:
        dossier.draft_step = step
    dossier.save(update_fields=["form_data", "draft_step", "updated_at"])
    return dossier


def attachment_add(
    *,
    dossier: Dossier,
    required_document: RequiredDocument,
    upload,
    user,
    replaces: Attachment | None = None,
) -> Attachment:
    """Check one uploaded file and attach it to the draft (replacing another one if asked)."""
    checked = check_upload(upload, name=upload.name, size=upload.size)
    with files_cleaned_on_failure() as stored, transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.status != DossierStatus.DRAFT:
            raise SubmissionError([_("Hồ sơ đã nộp, không thể thay đổi tệp.")])
        freed = replaces.size if replaces is not None else 0
        check_dossier_room(locked, checked.size - freed)
        attachment = store_checked(
            dossier=locked,
            checked=checked,
            stored=stored,
            required_document=required_document,
            user=user,
        )
        if replaces is not None:
            attachment_remove(attachment=replaces)
    return attachment


def attachment_remove(*, attachment: Attachment) -> None:
    """Delete a draft's file; the stored bytes go once the deletion commits, if unshared."""
    name = attachment.file.name
    attachment.delete()
    release_files([name])


def _validate(procedure: Procedure, data: dict, prefilled: dict | None = None) -> dict:
    try:
        schema = checked_schema(procedure)
    except FormSchemaUnavailable as exc:
        raise SubmissionError([_("Biểu mẫu của thủ tục đang được cập nhật.")]) from exc
    values = initial_values(schema, data, prefilled=prefilled or {})
    # A prefill the citizen may not correct is taken again here, whatever the draft holds.
    form = SchemaForm(schema, data=values, initial=values, prefilled=prefilled)
    if not form.is_valid():
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        raise SubmissionError([_("Tờ khai còn thông tin chưa hợp lệ.")], errors)
    return answers(form)


def _check_documents(dossier: Dossier) -> None:
    missing = [document.name for document in missing_papers(dossier)]
    if missing:
        raise SubmissionError(
            [_("Còn thiếu giấy tờ bắt buộc: %(name)s") % {"name": n} for n in missing]
        )


def _check_files(files) -> list[tuple[RequiredDocument, CheckedFile]]:
    return [(doc, check_upload(f, name=f.name, size=f.size)) for doc, f in files or ()]


def dossier_submit(
    *,
    applicant,
    procedure: Procedure,
    data: dict,
    files=None,
    idempotency_key: uuid.UUID | str,
    agency: Agency | None = None,
    draft: Dossier | None = None,
    moment: datetime | None = None,
    identity: SignedInIdentity | None = None,
) -> Dossier:
    """Submit a dossier online at once and for good; the same key returns the same dossier.

    `files` is a list of (required document, uploaded file) pairs added to the draft's files;
    `identity` is how the applicant signed in (accounts.signin; a password login if None).
    """
    key = uuid.UUID(str(idempotency_key))
    existing = Dossier.objects.filter(idempotency_key=key, applicant=applicant).first()
    if existing is not None:
        return existing
    gap = identity_gap(applicant, procedure)
    if gap:
        raise SubmissionError([gap])  # the draft stays; the review page says how to finish
    schema = procedure.form_schema if isinstance(procedure.form_schema, list) else []
    record = draft.population_record if draft is not None else {}
    cleaned = _validate(procedure, data, prefills(schema, user=applicant, record=record))
    checked = _check_files(files)  # heavy image work happens before any lock is taken
    try:
        return _submit(
            applicant=applicant,
            procedure=procedure,
            cleaned=cleaned,
            checked=checked,
            key=key,
            agency=agency,
            draft=draft,
            moment=moment,
            identity=identity,
        )
    except IntegrityError as exc:
        # The same key raced in from a retried request: hand back the dossier that won.
        existing = Dossier.objects.filter(idempotency_key=key, applicant=applicant).first()
        if existing is None:
            raise SubmissionError([_("Yêu cầu nộp hồ sơ không hợp lệ, vui lòng thử lại.")]) from exc
        return existing


def _submit(
    *, applicant, procedure, cleaned, checked, key, agency, draft, moment, identity=None
) -> Dossier:
    with files_cleaned_on_failure() as stored, transaction.atomic():
        if draft is not None:
            dossier = Dossier.objects.select_for_update().get(pk=draft.pk, applicant=applicant)
            if dossier.status != DossierStatus.DRAFT:
                return dossier  # a second press of Submit on the same draft
        else:
            dossier = Dossier(procedure=procedure, agency=pick_agency(procedure, agency))
            snapshot_applicant(dossier, account=applicant)
            dossier.save()
        for document, item in checked:
            check_dossier_room(dossier, item.size)
            store_checked(
                dossier=dossier,
                checked=item,
                stored=stored,
                required_document=document,
                user=applicant,
            )
        _check_documents(dossier)
        _mark_submitted(
            dossier,
            applicant=applicant,
            cleaned=cleaned,
            key=key,
            moment=moment or timezone.now(),
            identity=identity,
        )
        _store_eform(dossier, stored)
    return dossier


def _store_eform(dossier: Dossier, stored: list[str]) -> None:
    """Attach the filled e-form's PDF in the submission's transaction.

    A rendering failure never refuses a submission: it is logged and the PDF is made again
    when the officer opens the dossier (`dossiers.eform_pdf.ensure_eform_pdf`).
    """
    try:
        with transaction.atomic():
            store_eform_pdf(dossier=dossier, stored=stored)
    except Exception:
        logger.exception("Could not store the e-form PDF of dossier %s", dossier.pk)


def _mark_submitted(dossier: Dossier, *, applicant, cleaned, key, moment, identity) -> None:
    dossier.form_data = cleaned
    dossier.idempotency_key = key
    dossier_open(
        dossier=dossier,
        actor=applicant,
        channel=Channel.ONLINE,
        moment=moment,
        account=applicant,
        identity=identity,
    )


def draft_discard(*, dossier: Dossier) -> None:
    """Delete a draft and, once that commits, its stored files."""
    with transaction.atomic():
        names = [a.file.name for a in dossier.attachments.all()]
        if dossier.status != DossierStatus.DRAFT:
            raise SubmissionError([_("Chỉ xóa được hồ sơ đang soạn.")])
        dossier.delete()
    release_files(names)
