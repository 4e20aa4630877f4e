"""Writes of the citizen's space: notifications, ratings, supplements and withdrawals."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.core.audit import audit_log
from dichvucong.dossiers.models import AttachmentKind, Dossier, DossierStatus
from dichvucong.dossiers.selectors import dossier_papers
from dichvucong.dossiers.statuses import WITHDRAWABLE
from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.pipeline import check_upload
from dichvucong.dossiers.uploads.store import (
    check_dossier_room,
    files_cleaned_on_failure,
    store_checked,
)
from dichvucong.processing.services import dossier_transition, resume_status
from dichvucong.tracking.models import Notification, Rating, RatingCriterion, RatingScore

S = DossierStatus
MAX_SUPPLEMENT_FILES = 20


def notify_citizen(
    *, user, dossier: Dossier | None = None, title: str, body: str = "", link: str = ""
) -> Notification | None:
    """Add one in-app notification for the user (no-op when there is no account)."""
    if user is None or not getattr(user, "pk", None):
        return None
    return Notification.objects.create(
        user=user, dossier=dossier, title=title[:200], body=body, link=link[:300]
    )


def notifications_mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ids) read; return how many."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


@transaction.atomic
def rating_submit(
    *, dossier: Dossier, user, overall: int, scores: dict[str, int], comment: str = ""
) -> Rating:
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
            rating = Rating.objects.create(
                dossier=dossier, user=user, overall=overall, comment=comment.strip()[:2000]
            )
    except IntegrityError:
        raise ValidationError(_("Hồ sơ này đã được đánh giá.")) from None
    RatingScore.objects.bulk_create(
        RatingScore(rating=rating, criterion=criteria[code], score=score)
        for code, score in scores.items()
    )
    return rating


def _check_files(dossier: Dossier, files: list[tuple[int | None, object]]):
    """Run every file through the dossiers upload pipeline; name the file that is refused."""
    documents = {d.pk: d for d in dossier_papers(dossier)}
    checked = []
    for document_id, upload in files:
        try:
            result = check_upload(upload, name=upload.name, size=upload.size)
        except UploadRejected as exc:
            raise ValidationError(
                _("Tệp %(name)s: %(reason)s")
                % {"name": (upload.name or "")[:80], "reason": exc.message}
            ) from None
        checked.append((documents.get(document_id), result))
    return checked


def supplement_submit(
    *, dossier: Dossier, user, files: list[tuple[int | None, object]], note: str = ""
) -> Dossier:
    """Attach the supplement files and send the dossier back to where it was asked for."""
    if dossier.applicant_id != user.pk or dossier.status != S.SUPPLEMENT_REQUESTED:
        raise ValidationError(_("Hồ sơ này hiện không yêu cầu bổ sung."))
    if not files:
        raise ValidationError(_("Vui lòng chọn ít nhất một tệp để bổ sung."))
    if len(files) > MAX_SUPPLEMENT_FILES:
        raise ValidationError(
            _("Mỗi lần bổ sung gửi được tối đa %(count)s tệp.") % {"count": MAX_SUPPLEMENT_FILES}
        )
    checked = _check_files(dossier, files)
    with files_cleaned_on_failure() as stored, transaction.atomic():
        try:
            check_dossier_room(dossier, sum(result.size for _document, result in checked))
        except UploadRejected as exc:
            raise ValidationError(exc.message) from None
        attachments = [
            store_checked(
                dossier=dossier,
                checked=result,
                stored=stored,
                user=user,
                required_document=document,
                kind=AttachmentKind.SUPPLEMENT,
            )
            for document, result in checked
        ]
        ids = [a.pk for a in attachments]
        audit_log(
            action="dossier.supplement", actor=user, target=dossier, data={"attachments": ids}
        )
        return dossier_transition(
            dossier=dossier,
            to=resume_status(dossier),
            actor=user,
            note=note.strip() or _("Công dân đã bổ sung giấy tờ."),
            data={"action": "supplement", "attachments": ids},
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
    return dossier_transition(
        dossier=dossier, to=S.WITHDRAWN, actor=user, note=reason[:1000], data={"action": "withdraw"}
    )
