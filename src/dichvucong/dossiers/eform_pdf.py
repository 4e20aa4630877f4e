"""The filled e-form (tờ khai điện tử) as a PDF the officer opens with the dossier's files.

Stored in the submission's transaction (`dossiers.services._submit`); a dossier that should
have one and has none (older dossiers, a failed rendering) gets it from `ensure_eform_pdf`,
which the officer's dossier page and the receipt task call.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dichvucong.core.pdf import new_pdf, paragraph, render, title_block
from dichvucong.dossiers.forms.display import dossier_answers, write_answers
from dichvucong.dossiers.models import Attachment, AttachmentKind, Channel, Dossier
from dichvucong.dossiers.papers import filled_online

logger = logging.getLogger(__name__)
EFORM_TITLE = "Tờ khai điện tử"
EFORM_NAME = "to-khai-dien-tu-{code}.pdf"


def needs_eform_pdf(dossier: Dossier) -> bool:
    """Return True when the dossier was filed with the procedure's e-form (not at the counter)."""
    return bool(
        dossier.code
        and dossier.channel != Channel.COUNTER
        and dossier.procedure.form_schema
        and dossier.form_data
    )


def render_eform_pdf(dossier: Dossier) -> bytes:
    """Return the dossier's filled e-form as PDF bytes (labels and answers, by section)."""
    pdf = new_pdf(title=f"{EFORM_TITLE} {dossier.code}")
    title_block(pdf, EFORM_TITLE, dossier.procedure.name)
    paragraph(pdf, f"Mã hồ sơ: {dossier.code}")
    paragraph(pdf, f"Người nộp: {dossier.applicant_name}")
    if dossier.submitted_at:
        local = timezone.localtime(dossier.submitted_at)
        paragraph(pdf, f"Nộp trực tuyến lúc: {local:%H:%M} ngày {local:%d/%m/%Y}")
    write_answers(pdf, dossier_answers(dossier), heading="Nội dung tờ khai:")
    pdf.ln(4)
    paragraph(
        pdf,
        "Tờ khai do người nộp điền trên Cổng Dịch vụ công; bản này được lập tự động "
        "từ nội dung đã nộp.",
    )
    return render(pdf)


def _paper(dossier: Dossier):
    """Return the paper the e-form stands in for (the first such paper), or None."""
    return next(
        (p for p in dossier.procedure.required_documents.all() if filled_online(dossier, p)),
        None,
    )


def store_eform_pdf(*, dossier: Dossier, stored: list[str] | None = None) -> Attachment | None:
    """Render and store the e-form PDF once; `stored` collects the file name for cleanup."""
    if not needs_eform_pdf(dossier):
        return None
    existing = dossier.attachments.filter(kind=AttachmentKind.EFORM).first()
    if existing is not None:
        return existing
    data = render_eform_pdf(dossier)
    name = EFORM_NAME.format(code=dossier.code)
    attachment = Attachment(
        dossier=dossier,
        kind=AttachmentKind.EFORM,
        required_document=_paper(dossier),
        original_name=name,
        content_type="application/pdf",
        extension=".pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=None,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    if stored is not None:
        stored.append(attachment.file.name)
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def ensure_eform_pdf(dossier: Dossier) -> Attachment | None:
    """Store the e-form PDF of a dossier that lacks it; a failure is logged, never raised."""
    if not needs_eform_pdf(dossier):
        return None
    try:
        with transaction.atomic():
            locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
            return store_eform_pdf(dossier=locked)
    except Exception:
        logger.exception("Could not store the e-form PDF of dossier %s", dossier.pk)
        return None
