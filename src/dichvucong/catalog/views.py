"""Public catalog pages: home, procedure list and search, procedure detail, form downloads."""

import mimetypes
import re
from pathlib import PurePosixPath

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from dichvucong.catalog import selectors
from dichvucong.catalog.cache import anonymous_page, cached_html
from dichvucong.catalog.forms import ProcedureFilters
from dichvucong.catalog.search import MAX_QUERY_CHARS

PAGE_SIZE = 20
_MAX_CODE_LENGTH = 20  # Procedure.code max_length
_MAX_ID = 2**63  # larger ids cannot exist and would overflow the database integer
_UNSAFE_FILENAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def home(request: HttpRequest) -> HttpResponse:
    """Show the search box, the fields, the most used procedures and the four steps."""
    return anonymous_page(request, lambda: _home(request))


def _home(request: HttpRequest) -> HttpResponse:
    catalog = cached_html(
        "home",
        "",
        lambda: render_to_string(
            "catalog/_home_catalog.html",
            {"fields": selectors.fields_with_counts(), "popular": selectors.most_used_procedures()},
        ),
    )
    return render(request, "catalog/home.html", {"catalog_html": catalog})


def procedure_list(request: HttpRequest) -> HttpResponse:
    """List procedures matching the query and filters, a page at a time."""
    return anonymous_page(request, lambda: _procedure_list(request))


def _procedure_list(request: HttpRequest) -> HttpResponse:
    results = cached_html("list", request.GET.urlencode(), lambda: _render_results(request))
    return render(
        request,
        "catalog/procedure_list.html",
        {
            "results_html": results,
            "query": request.GET.get("q", "")[:MAX_QUERY_CHARS],
        },
    )


def _render_results(request: HttpRequest) -> str:
    fields, agencies = selectors.filter_choices()
    form = ProcedureFilters(request.GET, fields=fields, agencies=agencies)
    filters = form.filters()
    paginator = Paginator(selectors.procedure_search(**filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render_to_string(
        "catalog/_procedure_results.html",
        {
            "filters": form.select_filters(),
            "page": page,
            "query": filters["query"],
            # The panel stays closed after a search, so results open the page on a phone;
            # its summary tells how many filters are applied.
            "active_filters": sum(1 for key, value in filters.items() if key != "query" and value),
            "page_prefix": _page_prefix(request),
        },
    )


def _page_prefix(request: HttpRequest) -> str:
    """Return the current query string without `page`, ready for `page=N` to be appended."""
    params = request.GET.copy()
    params.pop("page", None)
    encoded = params.urlencode()
    return f"?{encoded}&" if encoded else "?"


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Show everything about one procedure."""
    return anonymous_page(request, lambda: _procedure_detail(request, code))


def _procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = selectors.procedure_detail(code) if _plausible_code(code) else None
    if procedure is None:
        raise Http404
    documents = list(procedure.required_documents.all())
    return render(
        request,
        "catalog/procedure_detail.html",
        {
            "procedure": procedure,
            "documents": documents,
            "fees": list(procedure.fees.all()),
            "forms": _distinct_forms(documents),
        },
    )


def _plausible_code(code: str) -> bool:
    """Reject what no stored code can be (PostgreSQL refuses NUL characters outright)."""
    return len(code) <= _MAX_CODE_LENGTH and "\x00" not in code


def _distinct_forms(documents) -> list:
    seen, forms = set(), []
    for document in documents:
        template = document.form_template
        if template is not None and template.file and template.pk not in seen:
            seen.add(template.pk)
            forms.append(template)
    return forms


def form_download(request: HttpRequest, code: str, template_id: int) -> FileResponse:
    """Send a procedure's form template as an attachment, read through the storage API."""
    template = None
    if template_id < _MAX_ID and _plausible_code(code):
        template = selectors.procedure_form_template(code=code, template_id=template_id)
    if template is None:
        raise Http404
    try:
        handle = template.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    filename = download_filename(template.name, template.file.name)
    content_type = template.content_type or mimetypes.guess_type(filename)[0]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_filename(title: str, stored_name: str) -> str:
    """Return a safe download name: the form's title with the stored file's extension."""
    suffix = PurePosixPath(stored_name).suffix.lower()
    base = " ".join(_UNSAFE_FILENAME.sub(" ", title).split()).strip(" .") or "bieu-mau"
    return f"{base[:150]}{suffix}"
