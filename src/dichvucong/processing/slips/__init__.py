"""The slips of Circular 03/2025/TT-VPCP, one module each, stored as dossier attachments."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, DossierEvent
from dichvucong.dossiers.services.signing import request_signature
from dichvucong.processing.slips import apology, control, receipt, refusal, stop, supplement

SLIPS = {"01": receipt, "02": supplement, "03": refusal, "04": apology, "05": stop, "06": control}
SLUGS = {
    "01": "giay-tiep-nhan",
    "02": "phieu-yeu-cau-bo-sung",
    "03": "phieu-tu-choi",
    "04": "van-ban-xin-loi-gia-han",
    "05": "thong-bao-dung-giai-quyet",
    "06": "phieu-kiem-soat",
}


def slip_name(slip: str, dossier: Dossier, event_id: int | None) -> str:
    """Return the stored display name of a slip (unique per dossier event)."""
    suffix = f"-{event_id}" if event_id else ""
    return f"{slip}-{SLUGS[slip]}-{dossier.code}{suffix}.pdf"


def store_slip(*, dossier_id: int, slip: str, event_id: int | None = None) -> Attachment | None:
    """Render a slip and keep it as a dossier attachment; skip if it is already stored."""
    dossier = (
        Dossier.objects.select_related("agency", "agency__parent", "procedure")
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None:
        return None
    name = slip_name(slip, dossier, event_id)
    existing = Attachment.objects.filter(dossier=dossier, kind=AttachmentKind.SLIP)
    if existing.filter(original_name=name).exists():
        return None
    if slip == "01" and (
        existing.filter(original_name__startswith="01-").exists()
        or existing.filter(original_name__startswith="giay-tiep-nhan-").exists()
    ):
        return None  # the submission part (or an earlier run) already issued the receipt
    event = DossierEvent.objects.select_related("actor").filter(pk=event_id).first()
    content = SLIPS[slip].build(dossier, event)
    with transaction.atomic():
        attachment = Attachment(
            dossier=dossier,
            kind=AttachmentKind.SLIP,
            original_name=name,
            content_type="application/pdf",
            extension=".pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        attachment.file.save(name, ContentFile(content), save=False)
        attachment.save()
        request_signature(attachment=attachment)
    return attachment
