from django.contrib import admin

from dichvucong.processing.models import CounterPayment, DeadlineExtension


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
