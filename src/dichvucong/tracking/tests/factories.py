"""Dossiers, history and files as the tracking part sees them (dossiers made by the services)."""

from django.core.files.base import ContentFile

from dichvucong.dossiers.models import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierEvent,
    DossierStatus,
)
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.tests import factories as processing_factories

PDF = small_pdf()


def make_dossier(
    *, applicant=None, status=DossierStatus.RECEIVED, procedure=None, **overrides
) -> Dossier:
    """A dossier the citizen follows, received unless told; made through the services.

    `applicant=False` is a dossier without an account (typed details only).
    """
    if applicant is False:
        overrides.setdefault("applicant_name", "Trần Thị Nộp")
        overrides.setdefault("applicant_phone", "0912345678")
        overrides.setdefault("applicant_id_number", "001090012345")
    return processing_factories.make_dossier(
        applicant=applicant,
        status=status,
        procedure=procedure,
        form_data=overrides.pop(
            "form_data", {"Họ và tên": "Nguyễn Văn Thử", "Nơi cư trú": "Thôn 1, xã Thử Nghiệm"}
        ),
        **overrides,
    )


def internal_remark(dossier: Dossier, note: str) -> DossierEvent:
    """Add an officer's internal history entry (not public): the note of an originals check."""
    from dichvucong.processing.services.counter import record_originals_checked

    counter = processing_factories.agency_officer(dossier.agency, "counter")
    record_originals_checked(dossier=dossier, actor=counter, note=note)
    return dossier.events.filter(action="originals_checked").latest("id")


def make_event(  # a hand-written history row: prefer the services (`make_dossier(notes=...)`)
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
