"""The citizen's side of a dossier: in-app notifications and satisfaction ratings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.models import Dossier

SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Notification(models.Model):
    """One in-app message to a user, shown at /thong-bao/ with an unread count in the header."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_notifications"
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class RatingCriterion(models.Model):
    """A criterion the province asks citizens to rate (data, editable in the admin)."""

    code = models.SlugField(_("mã tiêu chí"), max_length=50, unique=True)
    name = models.CharField(_("tên tiêu chí"), max_length=200)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("tiêu chí đánh giá")
        verbose_name_plural = _("tiêu chí đánh giá")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """The applicant's satisfaction rating of one returned dossier (one per dossier)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    overall = models.PositiveSmallIntegerField(
        _("mức độ hài lòng chung"), validators=SCORE_VALIDATORS
    )
    comment = models.TextField(_("góp ý"), blank=True)
    created_at = models.DateTimeField(_("đánh giá lúc"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("đánh giá hài lòng")
        verbose_name_plural = _("đánh giá hài lòng")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.dossier} {self.overall}/5"


class RatingScore(models.Model):
    """One criterion's score within a rating."""

    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        RatingCriterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("điểm"), validators=SCORE_VALIDATORS)

    class Meta:
        verbose_name = _("điểm theo tiêu chí")
        verbose_name_plural = _("điểm theo tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["rating", "criterion"], name="uniq_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
