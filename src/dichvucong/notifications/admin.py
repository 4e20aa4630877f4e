from django.contrib import admin

from dichvucong.notifications.models import MessageTemplate, SmsMessage


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "channel", "description")
    list_filter = ("channel",)
    search_fields = ("code", "body")


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "masked_phone", "purpose", "status", "attempts", "provider")
    list_filter = ("status", "purpose", "provider")
    exclude = ("phone", "text")
    readonly_fields = (
        "masked_phone",
        "purpose",
        "status",
        "attempts",
        "provider",
        "provider_message_id",
        "last_error",
        "sent_at",
        "created_at",
    )

    def has_add_permission(self, request):
        return False
