"""Django admin for the catalog: officers keep fields, agencies, procedures and forms current."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.admin_schema import ProcedureAdminForm
from dichvucong.catalog.models import (
    Agency,
    Fee,
    Field,
    FormTemplate,
    Procedure,
    RequiredDocument,
)
from dichvucong.catalog.search_fields import refresh_search_fields


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "procedure_count")
    list_editable = ("order",)
    search_fields = ("name", "code")
    prepopulated_fields = {"code": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_procedures=models.Count("procedures"))

    @admin.display(description=_("số thủ tục"), ordering="_procedures")
    def procedure_count(self, obj) -> int:
        return obj._procedures


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent", "is_demo_code", "phone")
    list_filter = ("level", "is_demo_code")
    search_fields = ("name", "code", "short_name")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)


class RequiredDocumentInline(admin.StackedInline):
    model = RequiredDocument
    extra = 0
    fields = (
        ("order", "code", "is_required", "is_active"),
        "name",
        ("originals", "copies", "replaced_by_eform", "fetched_from"),
        "note",
        "form_template",
    )
    autocomplete_fields = ("form_template",)


class FeeInline(admin.TabularInline):
    model = Fee
    extra = 0
    fields = ("order", "name", "amount", "channel", "unit", "quantity_field", "is_optional", "note")


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    form = ProcedureAdminForm
    list_display = (
        "code",
        "name",
        "field",
        "online_level",
        "processing_days",
        "popularity",
        "is_active",
    )
    list_display_links = ("code", "name")
    list_filter = (
        "field",
        "online_level",
        "agencies",
        "accepts_online",
        "accepts_post",
        "is_active",
    )
    search_fields = ("code", "name")
    list_select_related = ("field",)
    autocomplete_fields = ("field", "agencies")
    inlines = (RequiredDocumentInline, FeeInline)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ("created_at", "updated_at")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "code",
                    "name",
                    "field",
                    "agencies",
                    "implementing_level",
                    "is_active",
                    "popularity",
                )
            },
        ),
        (
            _("Nộp hồ sơ"),
            {
                "fields": (
                    "online_level",
                    ("accepts_counter", "accepts_online", "accepts_post"),
                    "requires_originals",
                    "min_identity_level",
                )
            },
        ),
        (_("Thời hạn"), {"fields": ("processing_days", "processing_time_text")}),
        (
            _("Nội dung thủ tục"),
            {
                "fields": (
                    "applicants",
                    "steps",
                    "method",
                    "conditions",
                    "result",
                    "legal_basis",
                    "fee_text",
                    "source_url",
                )
            },
        ),
        (_("Biểu mẫu điện tử"), {"fields": ("form_schema",)}),
        (_("Lịch sử"), {"classes": ("collapse",), "fields": ("created_at", "updated_at")}),
    )

    def save_model(self, request, obj, form, change):
        refresh_search_fields(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # The body also folds in the papers' names, which the inlines have just saved.
        super().save_related(request, form, formsets, change)
        procedure = form.instance
        refresh_search_fields(procedure)
        procedure.save(update_fields=["search_name", "search_body"])


@admin.register(FormTemplate)
class FormTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "content_type", "file")
    search_fields = ("name", "code")
    readonly_fields = ("spec_digest",)
