"""Read pages: the inbox, the dossier page, its files and the tracking logs."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import (
    is_identity_clerk,
    lands_in_back_office,
    may_verify_identity,
    national_sync_agency_ids,
    staff_agency_ids,
)
from dichvucong.accounts.selectors import specialists_of
from dichvucong.core.audit import client_ip
from dichvucong.dossiers.eform_pdf import ensure_eform_pdf
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.forms import dossier_answers
from dichvucong.dossiers.models import Attachment, SignatureState, SignedCopy
from dichvucong.dossiers.papers import obtained_paper_ids
from dichvucong.dossiers.selectors import dossier_papers
from dichvucong.dossiers.store.services import attachment_opened
from dichvucong.dossiers.uploads.serving import private_file_headers, stored_file_response
from dichvucong.processing import inbox
from dichvucong.processing.allowed import allowed_actions
from dichvucong.processing.deadlines import deadline_mark, due_soon_threshold
from dichvucong.processing.forms import (
    ActionForm,
    ApologyForm,
    CounterPaymentForm,
    InboxFilterForm,
    ResultUploadForm,
)
from dichvucong.processing.machine import RoleNotAllowed
from dichvucong.processing.models import ExportStatus
from dichvucong.processing.selectors import (
    documents_with_several_photos,
    ready_tracking_log,
    recent_tracking_logs,
    staff_agencies,
)
from dichvucong.processing.services.exports import (
    MAX_LOG_DAYS,
    request_tracking_log,
    tracking_log_range,
)
from dichvucong.processing.supplements import earlier_requests
from dichvucong.processing.views.common import officer_required, scoped_dossier


@login_required
def inbox_view(request):
    """The officer home: an identity clerk (no dossier role) is sent to the identity checks."""
    user = request.user
    if not lands_in_back_office(user) and may_verify_identity(user):
        return redirect("accounts:officer_pending")
    return _inbox(request)


@officer_required
def _inbox(request):
    agency_ids = staff_agency_ids(request.user)
    tab = inbox.TABS_BY_SLUG.get(request.GET.get("tab", "")) or inbox.landing_tab(request.user)
    form = InboxFilterForm(request.GET or None, agency_ids=agency_ids)
    filters = form.to_filters()
    now = timezone.now()
    soon = due_soon_threshold(now)
    rows, next_cursor = inbox.inbox_page(
        agency_ids=agency_ids,
        tab=tab,
        filters=filters,
        cursor=request.GET.get("sau", ""),
        now=now,
        user_id=request.user.pk,
    )
    for row in rows:
        row.mark = deadline_mark(row, now, soon)
    query = request.GET.copy()
    query.pop("sau", None)
    query.pop("tab", None)
    counts = inbox.cached_tab_counts(agency_ids, now, soon, request.user.pk)
    return render(
        request,
        "processing/inbox.html",
        {
            "tabs": [(t, counts[t.slug]) for t in inbox.TABS],
            "tab": tab,
            "form": form,
            "rows": rows,
            "next_cursor": next_cursor,
            "filter_query": query.urlencode(),
            # Folded after a search or a tab change, so rows open a phone's screen; the
            # summary counts the filters in force.
            "active_filters": sum(1 for value in vars(filters).values() if value),
            "is_first_page": not request.GET.get("sau"),
            "verifies_identity": is_identity_clerk(request.user),
            "watches_national_sync": national_sync_agency_ids(request.user) != set(),
            "selected": {"date_from": filters.date_from, "date_to": filters.date_to},
            **form.option_html(filters),
        },
    )


@officer_required
def dossier_view(request, pk: int):
    dossier = scoped_dossier(request, pk)
    now = timezone.now()
    actions = allowed_actions(request.user, dossier, now)
    ensure_eform_pdf(dossier)  # a dossier filed before (or whose rendering failed) gets it now
    attachments = list(dossier.attachments.select_related("required_document", "signed_copy"))
    fees = fee_state(dossier)
    obtained = obtained_paper_ids(dossier)
    return render(
        request,
        "processing/dossier.html",
        {
            "dossier": dossier,
            "actions": actions,
            "attachments": attachments,
            "obtained_papers": [p for p in dossier_papers(dossier) if p.pk in obtained],
            "signatures": signature_progress(attachments),
            "combinable_documents": documents_with_several_photos(attachments),
            "events": dossier.events.select_related("actor").order_by("created_at", "id"),
            "mark": deadline_mark(dossier, now, due_soon_threshold(now)),
            "specialists": specialists_of(dossier.agency_id),
            "action_form": ActionForm(),
            "result_form": ResultUploadForm(),
            "apology_form": ApologyForm(),
            "payment_form": CounterPaymentForm(initial={"amount": fees.outstanding or None}),
            "fees": fees,
            "sections": dossier_answers(dossier),
            "papers": dossier_papers(dossier) if "request_supplement" in actions else (),
            "earlier_supplements": earlier_requests(dossier)
            if "request_supplement" in actions
            else 0,
        },
    )


def signature_progress(attachments) -> dict:
    """Count the dossier's signatures: total, signed, pending, and the line the page shows."""
    copies = [a.signed_copy for a in attachments if getattr(a, "signed_copy", None)]
    signed = sum(c.state == SignatureState.SIGNED for c in copies)
    pending = sum(c.state == SignatureState.PENDING for c in copies)
    if pending:
        line = _("Đang ký số trong nền: đã ký %(signed)s/%(total)s tài liệu.")
    else:
        line = _("Đã ký số %(signed)s/%(total)s tài liệu.")
    return {
        "total": len(copies),
        "signed": signed,
        "pending": pending,
        "line": line % {"signed": signed, "total": len(copies)},
    }


@officer_required
def signature_states_view(request, pk: int):
    """The signature state of each attachment, for the page to follow a signing task."""
    from django.http import JsonResponse
    from django.template.loader import render_to_string

    dossier = scoped_dossier(request, pk)
    attachments = list(dossier.attachments.select_related("signed_copy"))
    states = {
        str(a.pk): render_to_string(
            "processing/_signature_state.html",
            {"copy": a.signed_copy, "dossier": dossier},
            request=request,
        )
        for a in attachments
        if getattr(a, "signed_copy", None)
    }
    return JsonResponse({**signature_progress(attachments), "states": states})


@officer_required
def attachment_view(request, pk: int, attachment_pk: int):
    dossier = scoped_dossier(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    stored = attachment.file
    if request.GET.get("ban") == "da-ky":  # the agency's signed copy
        stored = get_object_or_404(
            SignedCopy, attachment=attachment, state=SignatureState.SIGNED
        ).file
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    attachment_opened(attachment=attachment, actor=request.user, ip_address=client_ip(request))
    return stored_file_response(
        handle, content_type=attachment.content_type, filename=attachment.original_name
    )


@officer_required
def tracking_log_view(request):
    """Ask for a tracking log (form 07) and list the officer's recent ones (PRG)."""
    if request.method == "POST":
        wanted = request.POST.get("co_quan", "")
        try:
            request_tracking_log(
                actor=request.user,
                agency_id=int(wanted) if wanted.isdigit() and len(wanted) < 19 else None,
                start=_date_param(request.POST.get("tu_ngay")),
                end=_date_param(request.POST.get("den_ngay")),
                ip_address=client_ip(request),
            )
        except RoleNotAllowed as exc:
            raise Http404 from exc  # never tell which agencies exist
        messages.success(request, _("Đã ghi nhận yêu cầu. Sổ theo dõi sẽ sẵn sàng sau ít giây."))
        return redirect("processing:tracking_log")
    exports = recent_tracking_logs(request.user)
    start, end = tracking_log_range(start=None, end=None)
    return render(
        request,
        "processing/tracking_log.html",
        {
            "agencies": staff_agencies(request.user),
            "start": start,
            "end": end,
            "max_days": MAX_LOG_DAYS,
            "exports": exports,
            "pending": any(e.status == ExportStatus.PENDING for e in exports),
        },
    )


@officer_required
def tracking_log_file_view(request, pk: int):
    export = ready_tracking_log(request.user, pk)
    if export is None:
        raise Http404
    try:
        handle = export.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type="application/pdf",
        as_attachment=True,
        filename=f"so-theo-doi-{export.start:%Y%m%d}.pdf",
    )
    return private_file_headers(response)


def _date_param(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
