""" "Nộp hồ sơ" in the main menu: choose a procedure that accepts online dossiers."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dichvucong.catalog.search import MAX_QUERY_CHARS
from dichvucong.catalog.selectors import procedure_search

PAGE_SIZE = 20


def pick_procedure(request: HttpRequest) -> HttpResponse:
    """List, and search with the catalog's search, the procedures one can submit online."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS].replace("\x00", "")
    results = procedure_search(query=query, channel="online")
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dossiers/pick.html", {"page": page, "query": query})
