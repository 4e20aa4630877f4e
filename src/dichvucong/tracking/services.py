"""Writes of the citizen's space: notifications, ratings, supplements and withdrawals."""

import hashlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.core.audit import audit_log
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, DossierStatus
from dichvucong.tracking import integration
from dichvucong.tracking.models import Notification, Rating, RatingCriterion, RatingScore
from dichvucong.tracking.selectors import WITHDRAWABLE, supplement_request

S = DossierStatus
SUPPLEMENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                    ".png": "image/png"}
SUPPLEMENT_MAX_BYTES = 10 * 1024 * 1024
SUPPLEMENT_MAGIC = {"application/pdf": b"%PDF", "image/jpeg": b"\xff\xd8", "image/png": b"\x89PNG"}


def notify_citizen(*, user, dossier: Dossier | None = None, title: str, body: str = "",
                   link: str = "") -> Notification | None:
    """Add one in-app notification for the user (no-op when there is no account)."""
    if user is None or not getattr(user, "pk", None):
        return None
    return Notification.objects.create(user=user, dossier=dossier, title=title[:200],
                                       body=body, link=link[:300])


def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ids) read; return how many."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def rating_submit(*, dossier: Dossier, user, overall: int, scores: dict[str, int],
                  comment: str = "") -> Rating:
    """Store the applicant's one rating of a returned dossier."""
    if dossier.applicant_id != user.pk or dossier.status != S.RETURNED:
        raise ValidationError(_("Chỉ đánh giá được hồ sơ của bạn sau khi đã trả kết quả."))
    criteria = {c.code: c for c in RatingCriterion.objects.filter(is_active=True)}
    values = [overall, *scores.values()]
    bad_value = any(not isinstance(v, int) or not 1 <= v <= 5 for v in values)
    if bad_value or set(scores) - set(criteria):
        raise ValidationError(_("Điểm đánh giá phải từ 1 đến 5."))
    try:
        with transaction.atomic():
            rating = Rating.objects.create(dossier=dossier, user=user, overall=overall,
                                           comment=comment.strip()[:2000])
    except IntegrityError:
        raise ValidationError(_("Hồ sơ này đã được đánh giá.")) from None
    RatingScore.objects.bulk_create(
        RatingScore(rating=rating, criterion=criteria[code], score=score)
        for code, score in scores.items()
    )
    return rating


def _check_upload(upload) -> tuple[str, str]:
    """Return (extension, content type) of an allowed supplement file or raise."""
    extension = PurePath(upload.name or "").suffix.lower()
    content_type = SUPPLEMENT_TYPES.get(extension)
    if content_type is None or upload.size > SUPPLEMENT_MAX_BYTES or upload.size == 0:
        raise ValidationError(_("Tệp %(name)s không hợp lệ: chỉ nhận PDF, JPG, PNG đến 10 MB.")
                              % {"name": (upload.name or "")[:80]})
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SUPPLEMENT_MAGIC[content_type]):
        raise ValidationError(_("Tệp %(name)s không đúng định dạng.")
                              % {"name": (upload.name or "")[:80]})
    return extension, content_type


def _store_attachment(*, dossier: Dossier, upload, document_id: int | None, user) -> Attachment:
    extension, content_type = _check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        dossier=dossier, kind=AttachmentKind.SUPPLEMENT, required_document_id=document_id,
        original_name=PurePath(upload.name).name[:255], content_type=content_type,
        extension=extension, size=upload.size, sha256=digest.hexdigest(), uploaded_by=user,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def supplement_submit(*, dossier: Dossier, user, files: list[tuple[int | None, object]],
                      note: str = "") -> Dossier:
    """Attach the supplement files and send the dossier back to processing."""
    if dossier.applicant_id != user.pk or dossier.status != S.SUPPLEMENT_REQUESTED:
        raise ValidationError(_("Hồ sơ này hiện không yêu cầu bổ sung."))
    if not files:
        raise ValidationError(_("Vui lòng chọn ít nhất một tệp để bổ sung."))
    stored = [_store_attachment(dossier=dossier, upload=f, document_id=d, user=user)
              for d, f in files]
    request = supplement_request(dossier)
    # Back to the step where the supplement was asked for, as the status machine expects.
    back_to = (request.from_status if request else None) or S.RECEIVED
    audit_log(action="dossier.supplement", actor=user, target=dossier,
              data={"attachments": [a.pk for a in stored]})
    return integration.dossier_transition(
        dossier=dossier, to=back_to, actor=user,
        note=note.strip() or _("Công dân đã bổ sung giấy tờ."),
        data={"action": "supplement", "attachments": [a.pk for a in stored]},
    )


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, user, reason: str) -> Dossier:
    """Withdraw the applicant's dossier (status 7) with the given reason."""
    reason = reason.strip()
    if dossier.applicant_id != user.pk or dossier.status not in WITHDRAWABLE:
        raise ValidationError(_("Hồ sơ này không thể rút ở trạng thái hiện tại."))
    if not reason:
        raise ValidationError(_("Vui lòng nêu lý do rút hồ sơ."))
    audit_log(action="dossier.withdraw", actor=user, target=dossier, data={"reason": reason})
    return integration.dossier_transition(dossier=dossier, to=S.WITHDRAWN, actor=user,
                                          note=reason[:1000], data={"action": "withdraw"})
