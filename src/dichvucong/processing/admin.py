from django.contrib import admin

from dichvucong.processing.models import CounterPayment, DeadlineExtension, StaffRole


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    autocomplete_fields = ()
    raw_id_fields = ("user", "agency")


@admin.register(CounterPayment)
class CounterPaymentAdmin(admin.ModelAdmin):
    list_display = ("dossier", "amount", "method", "receipt_number", "collected_at")
    raw_id_fields = ("dossier", "collected_by")


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ("dossier", "old_due_at", "new_due_at", "created_at")
    raw_id_fields = ("dossier", "created_by")
