"""The agency's PAdES signature of the PDFs a dossier issues (results, slips, receipts).

A signature is asked for inside the transaction that stores the PDF or approves the result
(a `pending` row, visible at once) and made by a task after commit; a failure is kept with its
reason on the row and shown on the officer's page, never swallowed.
"""

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from dichvucong.core.audit import audit_log
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.models import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierStatus,
    SignatureState,
    SignedCopy,
)
from dichvucong.esign.pades import SigningError, Stamp

logger = logging.getLogger(__name__)
SIGNED_KINDS = (AttachmentKind.RESULT, AttachmentKind.SLIP, AttachmentKind.RECEIPT)
REASON = {
    AttachmentKind.RESULT: "Phê duyệt kết quả giải quyết thủ tục hành chính",
    AttachmentKind.SLIP: "Phiếu theo Thông tư 03/2025/TT-VPCP",
    AttachmentKind.RECEIPT: "Biên lai thu phí, lệ phí",
}
TRACKING_LOG_REASON = "Sổ theo dõi hồ sơ (Mẫu số 07, Thông tư 03/2025/TT-VPCP)"


def result_code(dossier: Dossier, n: int) -> str:
    """Return the code of a dossier's n-th result: `<Mã hồ sơ>-KQ<n>`."""
    return f"{dossier.code}-KQ{n}"


def verification_url(code: str) -> str:
    """Return the absolute public verification URL a result's QR code opens."""
    path = reverse("tracking:verify_result", kwargs={"code": code})
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def request_signature(*, attachment: Attachment) -> SignedCopy | None:
    """Ask for the agency's signature of a stored PDF once (nothing when signing is off)."""
    if not settings.ESIGN_SIGNER or attachment.kind not in SIGNED_KINDS:
        return None
    with transaction.atomic():
        copy = SignedCopy.objects.filter(attachment=attachment).first()
        if copy is None:
            code = None
            if attachment.kind == AttachmentKind.RESULT:
                taken = SignedCopy.objects.filter(
                    attachment__dossier_id=attachment.dossier_id, result_code__isnull=False
                ).count()
                code = result_code(attachment.dossier, taken + 1)
            copy = SignedCopy.objects.create(attachment=attachment, result_code=code)
        if copy.state != SignatureState.SIGNED:
            from dichvucong.dossiers.tasks import sign_copy_task

            enqueue_on_commit(sign_copy_task, copy.pk)
    return copy


def request_result_signatures(*, dossier: Dossier) -> list[SignedCopy]:
    """Ask for the signature of every result of an approved dossier (in upload order)."""
    results = dossier.attachments.filter(kind=AttachmentKind.RESULT).order_by("created_at", "id")
    return [c for a in results if (c := request_signature(attachment=a)) is not None]


def retry_signature(*, copy: SignedCopy, actor) -> SignedCopy:
    """Queue a failed signature again (an officer's button)."""
    with transaction.atomic():
        locked = SignedCopy.objects.select_for_update().get(pk=copy.pk)
        if locked.state == SignatureState.FAILED:
            locked.state = SignatureState.PENDING
            locked.save(update_fields=["state", "updated_at"])
            audit_log(action="esign.retry", actor=actor, target=locked)
            from dichvucong.dossiers.tasks import sign_copy_task

            enqueue_on_commit(sign_copy_task, locked.pk)
    return locked


def sign_copy(*, copy_id: int) -> SignedCopy | None:
    """Sign one pending copy and store it; record the reason when it fails (safe to retry)."""
    from dichvucong.esign.signers import current_signer

    copy = (
        SignedCopy.objects.select_related("attachment__dossier__agency").filter(pk=copy_id).first()
    )
    if copy is None or copy.state == SignatureState.SIGNED:
        return copy
    attachment = copy.attachment
    now = timezone.now()
    try:
        signer = _signer_of(attachment) if current_signer() is not None else None
        if signer is None:
            raise SigningError("Chưa bật ký số (ESIGN_SIGNER trống).")
        if attachment.content_type != "application/pdf":
            raise SigningError("Chỉ ký số được tệp PDF; hãy tải kết quả lên dưới dạng PDF.")
        with attachment.file.open("rb") as handle:
            data = handle.read()
        code = copy.result_code or ""
        stamp = Stamp(
            signer=signer.signer_name(),
            agency=attachment.dossier.agency.name,
            signed_at=now,
            code=code,
            url=verification_url(code) if code else "",
        )
        signed = signer.sign_file(data, stamp=stamp, reason=REASON[attachment.kind])
    except SigningError as exc:
        return _failed(copy, str(exc))
    except Exception as exc:  # an unexpected signer fault: kept visible, with its kind
        logger.exception("signing copy %s failed", copy_id)
        return _failed(copy, f"Lỗi hệ thống khi ký số ({type(exc).__name__}).")
    return _signed(copy, signed, stamp)


def sign_agency_pdf(data: bytes, *, agency_name: str, reason: str) -> bytes | None:
    """Return the agency's signed copy of a PDF that is no dossier's attachment (the tracking
    log, form 07), None when signing is off; raises SigningError. Call it from a task."""
    from dichvucong.esign.signers import current_signer

    signer = current_signer()
    if signer is None:
        return None
    stamp = Stamp(signer=signer.signer_name(), agency=agency_name, signed_at=timezone.now())
    return signer.sign_file(data, stamp=stamp, reason=reason)


def approving_leader(dossier: Dossier):
    """Return the officer whose approval moved the dossier to 'done' (None if there is none)."""
    event = (
        dossier.events.filter(to_status=DossierStatus.DONE, actor__isnull=False)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    return event.actor if event else None


def _signer_of(attachment: Attachment):
    """The agency's signer, or for a result under ESIGN_RESULTS_SIGNED_BY=leader the approving
    leader's own certificate at the remote signing service (account: their personal ID)."""
    from dichvucong.esign.signers import current_signer, officer_signer

    if attachment.kind != AttachmentKind.RESULT or settings.ESIGN_RESULTS_SIGNED_BY != "leader":
        return current_signer()
    leader = approving_leader(attachment.dossier)
    if leader is None:
        raise SigningError("Không tìm thấy lãnh đạo đã phê duyệt kết quả để ký số.")
    if not leader.id_number:
        raise SigningError(
            f"Lãnh đạo {leader.get_full_name() or leader.username} chưa có số định danh cá nhân "
            "(tài khoản ký số từ xa)."
        )
    return officer_signer(leader.id_number)


def _signed(copy: SignedCopy, signed: bytes, stamp: Stamp) -> SignedCopy:
    with transaction.atomic():
        locked = SignedCopy.objects.select_for_update().get(pk=copy.pk)
        if locked.state == SignatureState.SIGNED:
            return locked  # another run finished first
        locked.file.save(f"{copy.pk}.pdf", ContentFile(signed), save=False)
        locked.size = len(signed)
        locked.sha256 = hashlib.sha256(signed).hexdigest()
        locked.signer = stamp.signer
        locked.signed_at = stamp.signed_at
        locked.state = SignatureState.SIGNED
        locked.error = ""
        locked.attempts += 1
        locked.save()
        audit_log(
            action="esign.signed",
            target=locked,
            data={"attachment": copy.attachment_id, "sha256": locked.sha256},
        )
    if copy.attachment.kind == AttachmentKind.RESULT:
        _keep_in_store(copy.attachment)
    return locked


def _keep_in_store(attachment: Attachment) -> None:
    """Put the result into the applicant's store; the signing outcome stands if this fails."""
    from dichvucong.dossiers.store.services import keep_result

    try:
        keep_result(attachment=attachment)
    except Exception:  # logged: a store fault must not undo or hide the signature
        logger.exception("keeping signed result %s in the store failed", attachment.pk)


def _failed(copy: SignedCopy, reason: str) -> SignedCopy:
    with transaction.atomic():
        locked = SignedCopy.objects.select_for_update().get(pk=copy.pk)
        if locked.state == SignatureState.SIGNED:
            return locked
        locked.state = SignatureState.FAILED
        locked.error = reason[:2000]
        locked.attempts += 1
        locked.save(update_fields=["state", "error", "attempts", "updated_at"])
        audit_log(
            action="esign.failed",
            target=locked,
            data={"attachment": copy.attachment_id, "reason": reason[:500]},
        )
    if copy.attachment.kind == AttachmentKind.RESULT:
        _keep_in_store(copy.attachment)  # the result as issued; a later signature replaces it
    return locked
