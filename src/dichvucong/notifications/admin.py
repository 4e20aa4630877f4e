from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from dichvucong.notifications.messages import message_kind, message_kinds, placeholder_help
from dichvucong.notifications.models import MessageTemplate, SmsMessage


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ("code", "channel", "description")
    list_filter = ("channel",)
    search_fields = ("code", "body")
    readonly_fields = ("placeholders",)

    @admin.display(description=_("biến dùng được"))
    def placeholders(self, obj):
        """The placeholders of this template's message, or of every message on the add page."""
        kinds = [message_kind(obj.code)] if obj and obj.pk else message_kinds()
        return format_html_join(
            "",
            "<p><strong>{}</strong> ({}): {}</p>",
            (
                (kind.code, ", ".join(kind.channels), placeholder_help(kind))
                for kind in kinds
                if kind is not None
            ),
        ) or _("Mã mẫu này không được hệ thống dùng.")


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
