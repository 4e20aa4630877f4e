"""Reads for the citizen's pages: timelines, steps, my dossiers, badges, rating figures."""

from django.db.models import Avg, Count, Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.events import event_label
from dichvucong.dossiers.models import Dossier, DossierEvent, DossierStatus
from dichvucong.dossiers.selectors import dossier_papers
from dichvucong.tracking.models import Notification, Rating, RatingCriterion, RatingScore

S = DossierStatus
# What the citizen should read as "the current step" for each status.
CURRENT_STEP = {
    S.NEW: _("Hồ sơ đã được gửi, đang chờ Bộ phận Một cửa tiếp nhận."),
    S.RECEIVED: _("Hồ sơ đã được tiếp nhận, đang chuyển đến cơ quan giải quyết."),
    S.NOT_RECEIVED: _("Hồ sơ không được tiếp nhận; xem lý do trong quá trình xử lý."),
    S.PROCESSING: _("Hồ sơ đang được cơ quan chuyên môn giải quyết."),
    S.SUPPLEMENT_REQUESTED: _("Cơ quan yêu cầu bổ sung giấy tờ; vui lòng bổ sung để tiếp tục."),
    S.PAYMENT_REQUESTED: _("Vui lòng nộp phí, lệ phí để hồ sơ được tiếp tục xử lý."),
    S.WITHDRAWN: _("Hồ sơ đã được rút theo yêu cầu của công dân."),
    S.STOPPED: _("Hồ sơ đã dừng xử lý."),
    S.DONE: _("Đã có kết quả, đang chờ trả kết quả."),
    S.RETURNED: _("Đã trả kết quả cho công dân."),
}
NEEDS_ME = {
    S.SUPPLEMENT_REQUESTED: _("Cần bổ sung giấy tờ"),
    S.PAYMENT_REQUESTED: _("Cần nộp phí, lệ phí"),
}


def current_step(dossier: Dossier) -> str:
    """Return the sentence describing where the dossier is now."""
    return str(CURRENT_STEP.get(dossier.status, ""))


def public_timeline(dossier: Dossier, *, with_notes: bool) -> list[dict]:
    """Return the citizen-visible history, oldest first, with notes only when asked."""
    events = DossierEvent.objects.filter(dossier=dossier, is_public=True).only(
        "created_at", "action", "from_status", "to_status", "note"
    )
    return [
        {"at": e.created_at, "label": event_label(e), "note": e.note if with_notes else ""}
        for e in events
    ]


def my_dossiers(user) -> QuerySet[Dossier]:
    """Return the user's submitted dossiers, newest first, with what the list shows."""
    return (
        Dossier.objects.filter(applicant=user)
        .exclude(status=S.DRAFT)
        .select_related("procedure")
        .annotate(has_rating=Exists(Rating.objects.filter(dossier=OuterRef("pk"))))
        .only(
            "code",
            "status",
            "submitted_at",
            "received_at",
            "due_at",
            "returned_at",
            "procedure__name",
            "procedure__processing_days",
        )
    )


def my_draft_count(user) -> int:
    """Return how many drafts the user has not submitted yet."""
    return Dossier.objects.filter(applicant=user, status=S.DRAFT).count()


def needs_me(dossier: Dossier, *, has_rating: bool) -> list[str]:
    """Return the badges for what the applicant has to do on this dossier."""
    badges = [str(NEEDS_ME[dossier.status])] if dossier.status in NEEDS_ME else []
    if dossier.status == S.RETURNED and not has_rating:
        badges.append(str(_("Chờ đánh giá")))
    return badges


def owned_dossier(user, ref: str) -> Dossier | None:
    """Return the user's dossier by code (or id for drafts), or None."""
    qs = Dossier.objects.filter(applicant=user).select_related("procedure", "agency")
    if ref.isdigit() and len(ref) < 18:
        return qs.filter(pk=int(ref)).first()
    if ref.isdigit():
        return None
    return qs.filter(code=ref[:60]).first()


def supplement_request(dossier: Dossier) -> DossierEvent | None:
    """Return the latest event that asked for a supplement."""
    return (
        DossierEvent.objects.filter(dossier=dossier, to_status=S.SUPPLEMENT_REQUESTED)
        .order_by("-created_at", "-id")
        .first()
    )


def requested_documents(dossier: Dossier, request: DossierEvent | None) -> QuerySet:
    """Return the papers the supplement request names (all of the procedure's if none named)."""
    ids = (request.data or {}).get("required_document_ids") if request else None
    docs = dossier_papers(dossier)
    return docs.filter(pk__in=ids) if ids else docs


def unread_count(user) -> int:
    """Return how many in-app notifications the user has not read."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def rating_summary(ratings: QuerySet[Rating] | None = None) -> dict:
    """Return count and averages (overall and per criterion) over the given ratings."""
    ratings = Rating.objects.all() if ratings is None else ratings
    totals = ratings.aggregate(count=Count("id"), overall=Avg("overall"))
    per_criterion = dict(
        RatingScore.objects.filter(rating__in=ratings)
        .values_list("criterion_id")
        .annotate(avg=Avg("score"))
        .values_list("criterion_id", "avg")
    )
    criteria = [
        {"name": c.name, "average": per_criterion.get(c.pk)} for c in RatingCriterion.objects.all()
    ]
    return {"count": totals["count"], "overall": totals["overall"], "criteria": criteria}
