"""The back office's view of the sync with DVCQG: what waits, what was refused (resend), the
latest reconciliation, and dossiers filed nationally that could not be opened here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dichvucong.accounts.permissions import may_resend_national_sync, national_sync_agency_ids
from dichvucong.core.audit import client_ip
from dichvucong.interop.models import (
    InboundDossier,
    OutboxEntry,
    OutboxState,
    SyncReconciliation,
)
from dichvucong.interop.sync.outbox import resend

DEAD_LISTED = 200


@login_required
@require_http_methods(["GET", "POST"])
def sync_status(request: HttpRequest) -> HttpResponse:
    agencies = national_sync_agency_ids(request.user)
    if agencies is not None and not agencies:
        raise PermissionDenied(_("Trang này dành cho lãnh đạo và quản trị của cơ quan."))
    entries = OutboxEntry.objects.select_related("dossier")
    if agencies is not None:
        entries = entries.filter(dossier__agency_id__in=agencies)
    if request.method == "POST":
        chosen = [int(v) for v in request.POST.getlist("entry") if v.isdigit()]
        allowed = [
            e.pk
            for e in entries.filter(pk__in=chosen, state=OutboxState.DEAD)
            if may_resend_national_sync(request.user, e.dossier)
        ]
        count = resend(allowed, actor=request.user, ip_address=client_ip(request))
        messages.success(request, _("Đã đưa %(n)d bản tin vào hàng đợi gửi lại.") % {"n": count})
        return redirect("interop:sync_status")
    counts = dict(entries.values_list("state").annotate(n=Count("pk")).order_by())
    report = SyncReconciliation.objects.first()
    rows = report.rows if report else []
    if report and agencies is not None:
        from dichvucong.catalog.models import Agency

        codes = set(Agency.objects.filter(pk__in=agencies).values_list("code", flat=True))
        rows = [row for row in rows if row["agency"] in codes]
    return render(
        request,
        "interop/sync_status.html",
        {
            "pending": counts.get(OutboxState.PENDING, 0),
            "dead_count": counts.get(OutboxState.DEAD, 0),
            "dead": entries.filter(state=OutboxState.DEAD).order_by("id")[:DEAD_LISTED],
            "report": report,
            "report_rows": rows,
            "refused": InboundDossier.objects.filter(dossier__isnull=True).order_by("-received_at")[
                :50
            ]
            if agencies is None
            else [],
        },
    )
