"""Plain factory functions for dossiers, history and files as the tracking part sees them."""

from itertools import count

from django.core.files.base import ContentFile
from django.utils import timezone

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.models import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierEvent,
    DossierStatus,
)
from dichvucong.dossiers.tests.helpers import small_pdf

_seq = count(1)

PDF = small_pdf()


def make_dossier(
    *, applicant=None, status=DossierStatus.RECEIVED, procedure=None, **overrides
) -> Dossier:
    n = next(_seq)
    procedure = procedure or make_procedure()
    agency = overrides.pop("agency", None) or procedure.agencies.first()
    applicant = applicant if applicant is not None else make_citizen()
    now = timezone.now()
    values = {
        "code": f"{agency.code}-261125-{n:04d}",
        "procedure": procedure,
        "agency": agency,
        "applicant": applicant or None,
        "applicant_name": getattr(applicant, "full_name", "") or "Trần Thị Nộp",
        "applicant_phone": getattr(applicant, "phone", "") or "0912345678",
        "applicant_id_number": getattr(applicant, "id_number", "") or "001090012345",
        "status": status,
        "submitted_at": now,
        "received_at": now,
        "due_at": now + timezone.timedelta(days=5),
        "form_data": {"Họ và tên": "Nguyễn Văn Thử", "Nơi cư trú": "Thôn 1, xã Thử Nghiệm"},
    } | overrides
    return Dossier.objects.create(**values)


def make_event(
    dossier: Dossier,
    *,
    to_status=None,
    action="transition",
    note="",
    is_public=True,
    from_status=None,
    data=None,
) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier,
        to_status=to_status,
        action=action,
        note=note,
        is_public=is_public,
        from_status=from_status,
        data=data or {},
    )


def make_attachment(
    dossier: Dossier, *, kind=AttachmentKind.SLIP, name="phieu-tiep-nhan.pdf", content: bytes = PDF
) -> Attachment:
    attachment = Attachment(
        dossier=dossier,
        kind=kind,
        original_name=name,
        content_type="application/pdf",
        extension=".pdf",
        size=len(content),
        sha256="0" * 64,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment
