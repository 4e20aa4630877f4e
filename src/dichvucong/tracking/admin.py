from django.contrib import admin

from dichvucong.tracking.models import Notification, Rating, RatingCriterion, RatingScore
from dichvucong.tracking.selectors import rating_summary


@admin.register(RatingCriterion)
class RatingCriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_active")
    list_editable = ("order", "is_active")


class RatingScoreInline(admin.TabularInline):
    model = RatingScore
    extra = 0
    readonly_fields = ("criterion", "score")
    can_delete = False


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("dossier", "overall", "created_at")
    list_filter = ("overall", "dossier__agency", "created_at")
    search_fields = ("dossier__code",)
    readonly_fields = ("dossier", "user", "overall", "comment", "created_at")
    inlines = [RatingScoreInline]
    change_list_template = "admin/tracking/rating/change_list.html"

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["summary"] = rating_summary(changelist.queryset)
        return response


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "created_at", "read_at")
    list_filter = ("read_at",)
    raw_id_fields = ("user", "dossier")
