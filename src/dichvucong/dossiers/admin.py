from django.contrib import admin

from dichvucong.dossiers.models import (
    Attachment,
    DailyCounter,
    Dossier,
    DossierEvent,
    FeeSettlement,
    PopulationLookup,
)


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = (
        "kind",
        "required_document",
        "original_name",
        "content_type",
        "size",
        "blur_score",
        "is_blurry",
        "created_at",
    )
    readonly_fields = fields
    can_delete = False


class EventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    fields = ("created_at", "actor", "action", "from_status", "to_status", "note")
    readonly_fields = fields
    can_delete = False


class FeeSettlementInline(admin.TabularInline):
    """The fee ledger, read-only: settlements are written by the payment, counter and
    exemption services only."""

    model = FeeSettlement
    extra = 0
    fields = ("created_at", "kind", "amount", "reference", "note", "recorded_by")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "procedure",
        "agency",
        "applicant_name",
        "status",
        "submitted_at",
        "due_at",
    )
    list_filter = ("status", "channel")
    search_fields = ("code", "applicant_name", "applicant_id_number")
    raw_id_fields = ("procedure", "agency", "applicant", "received_by", "assignee")
    readonly_fields = ("code", "idempotency_key", "submitted_at", "fee_total", "fee_lines")
    inlines = [AttachmentInline, EventInline, FeeSettlementInline]


@admin.register(DailyCounter)
class DailyCounterAdmin(admin.ModelAdmin):
    list_display = ("agency_code", "day", "value")
    readonly_fields = ("agency_code", "day", "value")


@admin.register(PopulationLookup)
class PopulationLookupAdmin(admin.ModelAdmin):
    """The lookup log (read only): who looked whom up, when, for which dossier and why."""

    list_display = (
        "created_at",
        "requested_by",
        "subject_id_number",
        "dossier",
        "purpose",
        "provider",
        "result",
    )
    list_filter = ("result", "provider")
    search_fields = ("subject_id_number", "dossier__code", "request_id")
    list_select_related = ("requested_by", "dossier")
    readonly_fields = [field.name for field in PopulationLookup._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
