"""The citizen's own dossiers: list, detail, QR, and the actions on them (files: dossiers:file)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dichvucong.dossiers.counter_visit import counter_visit
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.forms import dossier_answers
from dichvucong.dossiers.models import AttachmentKind, Dossier, DossierStatus
from dichvucong.dossiers.uploads.images import BLURRY_WARNING
from dichvucong.dossiers.uploads.sniff import ACCEPT
from dichvucong.processing.allowed import allowed_actions
from dichvucong.processing.machine import TransitionError
from dichvucong.tracking import lookup, services
from dichvucong.tracking.forms import RatingForm, WithdrawForm
from dichvucong.tracking.models import Rating
from dichvucong.tracking.selectors import (
    current_step,
    my_dossiers,
    my_draft_count,
    needs_me,
    owned_dossier,
    public_timeline,
    requested_documents,
    supplement_request,
)

S = DossierStatus
DOCUMENT_KINDS = (AttachmentKind.SLIP, AttachmentKind.RECEIPT, AttachmentKind.RESULT)


def _owned_or_404(request: HttpRequest, ref: str) -> Dossier:
    dossier = owned_dossier(request.user, ref)
    if dossier is None:
        raise Http404
    return dossier


@login_required
@require_GET
def my_dossier_list(request: HttpRequest) -> HttpResponse:
    """List my submitted dossiers with what each needs from me."""
    page = Paginator(my_dossiers(request.user), 20).get_page(request.GET.get("trang"))
    rows = [{"dossier": d, "badges": needs_me(d, has_rating=d.has_rating)} for d in page]
    return render(
        request,
        "tracking/my_list.html",
        {
            "page": page,
            "rows": rows,
            "draft_count": my_draft_count(request.user),
            "drafts_url": reverse("dossiers:drafts"),
        },
    )


def _file_rows(dossier: Dossier, kinds) -> list[dict]:
    rows = []
    for attachment in dossier.attachments.filter(kind__in=kinds).select_related(
        "required_document"
    ):
        url = reverse("dossiers:file", kwargs={"pk": attachment.pk}) + "?tai-ve=1"
        rows.append({"attachment": attachment, "url": url})
    return rows


@login_required
@require_GET
def my_dossier_detail(request: HttpRequest, ref: str) -> HttpResponse:
    """Show my dossier: status, timeline, form data, files, documents and my actions."""
    dossier = _owned_or_404(request, ref)
    rating = Rating.objects.filter(dossier=dossier).prefetch_related("scores__criterion").first()
    asked = supplement_request(dossier) if dossier.status == S.SUPPLEMENT_REQUESTED else None
    actions = allowed_actions(request.user, dossier)
    fees = fee_state(dossier)
    return render(
        request,
        "tracking/my_detail.html",
        {
            "dossier": dossier,
            "step": current_step(dossier),
            "timeline": public_timeline(dossier, with_notes=True),
            "sections": dossier_answers(dossier),
            "my_files": _file_rows(
                dossier, (AttachmentKind.APPLICATION, AttachmentKind.SUPPLEMENT)
            ),
            "documents": _file_rows(dossier, DOCUMENT_KINDS),
            "badges": needs_me(dossier, has_rating=rating is not None),
            "rating": rating,
            "actions": actions,
            "withdraw_form": WithdrawForm(),
            "supplement_request": asked,
            "visit": counter_visit(dossier),
            "accept": ACCEPT,
            "requested_documents": requested_documents(dossier, asked)
            if dossier.status == S.SUPPLEMENT_REQUESTED
            else [],
            "receipt_url": reverse("dossiers:receipt", kwargs={"pk": dossier.pk})
            if dossier.code
            else None,
            "fees": fees,
            "pay_url": reverse("payments:dossier_fees", kwargs={"dossier_id": dossier.pk})
            if "pay" in actions
            else None,
            "rating_form": RatingForm() if dossier.status == S.RETURNED and not rating else None,
        },
    )


@login_required
@require_GET
def my_qr(request: HttpRequest, code: str) -> HttpResponse:
    """Serve the QR code of my dossier's lookup link as a PNG."""
    dossier = _owned_or_404(request, code)
    if not dossier.code:
        raise Http404
    response = HttpResponse(lookup.qr_png(dossier), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _run(request: HttpRequest, dossier: Dossier, action, success: str, **kwargs):
    try:
        action(dossier=dossier, user=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    except TransitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return _back(dossier)


def _back(dossier: Dossier) -> HttpResponse:
    return redirect("tracking:my_dossier", ref=dossier.code or dossier.pk)


@login_required
@require_POST
def my_withdraw(request: HttpRequest, ref: str) -> HttpResponse:
    """Withdraw my dossier with a reason."""
    dossier = _owned_or_404(request, ref)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng nêu lý do rút hồ sơ."))
        return _back(dossier)
    return _run(
        request,
        dossier,
        services.dossier_withdraw,
        _("Đã gửi yêu cầu rút hồ sơ."),
        reason=form.cleaned_data["reason"],
    )


@login_required
@require_POST
def my_supplement(request: HttpRequest, ref: str) -> HttpResponse:
    """Attach the requested documents and send my dossier back to processing."""
    dossier = _owned_or_404(request, ref)
    files = []
    for document in requested_documents(dossier, supplement_request(dossier)):
        files += [(document.pk, f) for f in request.FILES.getlist(f"doc_{document.pk}")]
    files += [(None, f) for f in request.FILES.getlist("other")]
    before = set(dossier.attachments.values_list("pk", flat=True))
    response = _run(
        request,
        dossier,
        services.supplement_submit,
        _("Đã bổ sung hồ sơ."),
        files=files,
        note=request.POST.get("note", "")[:1000],
    )
    added = dossier.attachments.filter(is_blurry=True).exclude(pk__in=before)
    for attachment in added.order_by("pk"):
        messages.warning(request, f"{attachment.original_name}: {BLURRY_WARNING}")
    return response


@login_required
@require_POST
def my_rating(request: HttpRequest, ref: str) -> HttpResponse:
    """Store my satisfaction rating of a returned dossier."""
    dossier = _owned_or_404(request, ref)
    form = RatingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng chọn điểm cho mọi tiêu chí."))
        return _back(dossier)
    return _run(
        request,
        dossier,
        services.rating_submit,
        _("Cảm ơn bạn đã đánh giá."),
        overall=form.cleaned_data["overall"],
        scores=form.scores(),
        comment=form.cleaned_data["comment"],
    )
