"""Reads for the public catalog pages."""

from django.db.models import Count, Prefetch, Q, QuerySet

from dichvucong.catalog.cache import per_version
from dichvucong.catalog.listing import ProcedureListItem, load_procedures
from dichvucong.catalog.models import (
    Agency,
    Field,
    FormTemplate,
    Procedure,
    RequiredDocument,
)
from dichvucong.catalog.search import ProcedureSearch


def public_procedures() -> QuerySet[Procedure]:
    """Return the procedures citizens may see."""
    return Procedure.objects.filter(is_active=True)


def fields_with_counts() -> QuerySet[Field]:
    """Return every field that has active procedures, with their count as `procedure_count`."""
    return (
        Field.objects.annotate(
            procedure_count=Count("procedures", filter=Q(procedures__is_active=True))
        )
        .filter(procedure_count__gt=0)
        .order_by("order", "name")
    )


def most_used_procedures(*, limit: int = 8) -> list[ProcedureListItem]:
    """Return the most used procedures, most popular first."""
    return load_procedures(ProcedureSearch().ids(0, limit), agencies=False)


def filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Return (code, name) of the fields and of the agencies offered as list filters."""
    return per_version(
        "filter-choices",
        lambda: (
            list(Field.objects.order_by("order", "name").values_list("code", "name")),
            list(Agency.objects.order_by("name").values_list("code", "name")),
        ),
    )


def procedure_search(
    *, query: str = "", field: str = "", agency: str = "", level: str = "", channel: str = ""
) -> ProcedureSearch:
    """Return active procedures matching a query and filters (already validated), ranked."""
    return ProcedureSearch(query=query, field=field, agency=agency, level=level, channel=channel)


def procedure_detail(code: str) -> Procedure | None:
    """Return an active procedure with everything its page shows, or None."""
    return (
        public_procedures()
        .select_related("field")
        .prefetch_related(
            Prefetch("agencies", queryset=Agency.objects.order_by("name")),
            "fees",
            Prefetch(
                "required_documents",
                queryset=RequiredDocument.objects.active().select_related("form_template"),
            ),
        )
        .filter(code=code)
        .first()
    )


def procedure_form_template(*, code: str, template_id: int) -> FormTemplate | None:
    """Return a form template only if a document of that active procedure uses it."""
    return (
        FormTemplate.objects.filter(
            pk=template_id,
            documents__procedure__code=code,
            documents__procedure__is_active=True,
            documents__is_active=True,
        )
        .exclude(file="")
        .first()
    )
