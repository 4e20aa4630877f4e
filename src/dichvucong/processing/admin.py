from django.contrib import admin

from dichvucong.core.audit import audit_log
from dichvucong.processing.models import CounterPayment, DeadlineExtension, StaffRole
from dichvucong.processing.services.staff import revoke_staff_role, sync_staff_groups


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    raw_id_fields = ("user", "agency")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sync_staff_groups(obj.user)
        audit_log(
            action="staff_role.save",
            actor=request.user,
            target=obj,
            data={"user": obj.user_id, "agency": obj.agency_id, "role": obj.role},
        )

    def delete_model(self, request, obj):
        revoke_staff_role(staff_role=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for staff_role in queryset.select_related("user"):
            revoke_staff_role(staff_role=staff_role, actor=request.user)


@admin.register(CounterPayment)
class CounterPaymentAdmin(admin.ModelAdmin):
    list_display = ("dossier", "amount", "method", "receipt_number", "collected_at")
    raw_id_fields = ("dossier", "collected_by")

    def has_add_permission(self, request) -> bool:
        return False  # record_counter_payment writes the fee ledger too


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ("dossier", "old_due_at", "new_due_at", "created_at")
    raw_id_fields = ("dossier", "created_by")
