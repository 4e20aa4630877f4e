from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.models import StaffRole, User
from dichvucong.accounts.selectors import forget_staff_roles
from dichvucong.accounts.services import revoke_staff_role
from dichvucong.core.audit import audit_log


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    list_display = (
        "username",
        "full_name",
        "account_type",
        "phone",
        "verification_level",
        "verification_status",
        "is_staff",
    )
    list_filter = ("account_type", "verification_level", "verification_status", "is_staff")
    search_fields = ("username", "full_name", "id_number", "phone", "email")
    fieldsets = (
        *UserAdmin.fieldsets,
        (
            _("Thông tin công dân"),
            {
                "fields": (
                    "full_name",
                    "account_type",
                    "id_number",
                    "phone",
                    "date_of_birth",
                    "enterprise_code",
                    "organisation_name",
                    "agency_code",
                    "province_code",
                    "commune_code",
                    "address_line",
                )
            },
        ),
        (
            _("Xác minh"),
            {
                "fields": (
                    "verification_method",
                    "verification_level",
                    "verification_status",
                    "verified_at",
                    "verified_by",
                )
            },
        ),
    )


@admin.register(StaffRole)
class StaffRoleAdmin(admin.ModelAdmin):
    list_display = ("user", "agency", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "agency__name", "agency__code")
    raw_id_fields = ("user", "agency")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_staff_roles(obj.user)
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
