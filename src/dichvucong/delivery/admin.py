from django.contrib import admin

from dichvucong.delivery.models import Shipment, ShipmentEvent


class ShipmentEventInline(admin.TabularInline):
    model = ShipmentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "status", "note", "data"]


@admin.register(Shipment)
class ShipmentAdmin(admin.ModelAdmin):
    list_display = ["reference", "tracking_number", "dossier", "provider", "status", "created_at"]
    list_filter = ["status", "provider"]
    search_fields = ["reference", "tracking_number", "dossier__code"]
    inlines = [ShipmentEventInline]
