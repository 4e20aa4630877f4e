"""Read pages: the inbox, the dossier page, its files and the tracking log."""

import datetime as dt

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from dichvucong.catalog.models import Agency
from dichvucong.dossiers.models import Attachment
from dichvucong.processing import inbox
from dichvucong.processing.deadlines import deadline_mark, due_soon_threshold
from dichvucong.processing.forms import (
    ActionForm,
    ApologyForm,
    CounterPaymentForm,
    InboxFilterForm,
    ResultUploadForm,
)
from dichvucong.processing.machine import transitions_from
from dichvucong.processing.selectors import (
    actor_roles,
    documents_with_several_photos,
    specialists_of,
    staff_agency_ids,
    tracking_log_dossiers,
)
from dichvucong.processing.services.counter import fee_collected, needs_counter_checks
from dichvucong.processing.services.work import needs_apology
from dichvucong.processing.slips import tracking
from dichvucong.processing.views.common import officer_required, scoped_dossier

# One tracking log covers at most a quarter, so the PDF rendered in the request stays small.
MAX_LOG_DAYS = 92

INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png", "image/webp", "image/gif"}


@officer_required
def inbox_view(request):
    agency_ids = staff_agency_ids(request.user)
    tab = inbox.TABS_BY_SLUG.get(request.GET.get("tab", ""), inbox.TABS[0])
    form = InboxFilterForm(request.GET or None, agency_ids=agency_ids)
    filters = form.to_filters()
    now = timezone.now()
    soon = due_soon_threshold(now)
    rows, next_cursor = inbox.inbox_page(agency_ids=agency_ids, tab=tab, filters=filters,
                                         cursor=request.GET.get("sau", ""), now=now)
    for row in rows:
        row.mark = deadline_mark(row, now, soon)
    query = request.GET.copy()
    query.pop("sau", None)
    query.pop("tab", None)
    counts = inbox.cached_tab_counts(agency_ids, now, soon)
    return render(request, "processing/inbox.html", {
        "tabs": [(t, counts[t.slug]) for t in inbox.TABS], "tab": tab, "form": form,
        "rows": rows, "next_cursor": next_cursor, "filter_query": query.urlencode(),
        "is_first_page": not request.GET.get("sau"),
        "selected": {"date_from": filters.date_from, "date_to": filters.date_to},
        **form.option_html(filters),
    })


@officer_required
def dossier_view(request, pk: int):
    dossier = scoped_dossier(request, pk)
    roles = actor_roles(request.user, dossier)
    roles.discard("applicant")
    attachments = list(dossier.attachments.select_related("required_document"))
    now = timezone.now()
    return render(request, "processing/dossier.html", {
        "dossier": dossier, "roles": roles,
        "transitions": transitions_from(dossier.status, roles),
        "attachments": attachments,
        "combinable_documents": documents_with_several_photos(attachments),
        "events": dossier.events.select_related("actor").order_by("created_at", "id"),
        "mark": deadline_mark(dossier, now, due_soon_threshold(now)),
        "specialists": specialists_of(dossier.agency_id),
        "action_form": ActionForm(), "result_form": ResultUploadForm(),
        "apology_form": ApologyForm(), "payment_form": CounterPaymentForm(),
        "can_apologise": needs_apology(dossier, now) and roles & {"specialist", "leader"},
        "can_upload_result": dossier.status == 4 and roles & {"specialist", "leader"},
        "counter_checks": needs_counter_checks(dossier) and "counter" in roles,
        "fee_collected": fee_collected(dossier),
        "form_items": sorted(dossier.form_data.items()) if isinstance(dossier.form_data, dict)
        else [],
    })


@officer_required
def attachment_view(request, pk: int, attachment_pk: int):
    dossier = scoped_dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    inline = attachment.content_type in INLINE_TYPES
    response = FileResponse(handle, content_type=attachment.content_type,
                            as_attachment=not inline, filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    if attachment.content_type != "application/pdf":  # the browser's PDF viewer needs scripts
        response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@officer_required
def tracking_log_view(request):
    agency_ids = staff_agency_ids(request.user)
    wanted = request.GET.get("co_quan", "")
    if not agency_ids:
        raise Http404
    pk = int(wanted) if wanted.isdigit() and len(wanted) < 19 else min(agency_ids)
    agency = get_object_or_404(Agency, pk=pk, id__in=agency_ids)
    today = timezone.localdate()
    end = _date_param(request.GET.get("den_ngay"), today)
    start = _date_param(request.GET.get("tu_ngay"), end.replace(day=1))
    start = min(max(start, end - dt.timedelta(days=MAX_LOG_DAYS)), end)
    dossiers = tracking_log_dossiers(agency=agency, start=start, end=end)
    content = tracking.build_log(agency=agency, start=start, end=end, dossiers=dossiers)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="so-theo-doi-{start:%Y%m%d}.pdf"'
    return response


def _date_param(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


