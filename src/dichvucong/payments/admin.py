from django.contrib import admin

from dichvucong.payments.models import FeeExemption, Payment, PaymentEvent


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "kind", "source", "from_status", "to_status", "data"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = [
        "order_ref",
        "dossier",
        "provider",
        "amount",
        "status",
        "needs_refund",
        "created_at",
        "paid_at",
    ]
    list_filter = ["status", "provider", "purpose", "needs_refund"]
    search_fields = ["order_ref", "gateway_txn_no", "dossier__code"]
    readonly_fields = [f.name for f in Payment._meta.fields]
    inlines = [PaymentEventInline]


@admin.register(FeeExemption)
class FeeExemptionAdmin(admin.ModelAdmin):
    list_display = ["dossier", "amount", "officer", "created_at"]
    readonly_fields = ["dossier", "officer", "reason", "amount", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # fee_exempt writes the fee ledger too
