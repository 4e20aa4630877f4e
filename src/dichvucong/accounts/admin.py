from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.models import User


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
