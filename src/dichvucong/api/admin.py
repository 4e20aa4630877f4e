from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from dichvucong.api.clients import revoke_api_client
from dichvucong.api.models import ApiClient


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    """Clients are created by `manage.py create_api_client` (the token is shown once there)."""

    list_display = ("name", "agency", "token_prefix", "scopes", "is_active", "last_used_at")
    list_filter = ("is_active",)
    search_fields = ("name", "token_prefix", "agency__name")
    fields = ("name", "agency", "service_user", "token_prefix", "scopes", "is_active")
    readonly_fields = fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Thu hồi mã truy cập"))
    def revoke(self, request, queryset) -> None:
        for client in queryset:
            revoke_api_client(client=client, actor=request.user)
