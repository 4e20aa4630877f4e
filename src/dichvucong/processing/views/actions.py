"""Officer actions (POST only): status moves, results, apologies, counter work."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dichvucong.catalog.fees import counter_quantities
from dichvucong.core.audit import client_ip
from dichvucong.dossiers.selectors import dossier_papers
from dichvucong.processing import selectors, services
from dichvucong.processing.forms import (
    ActionForm,
    ApologyForm,
    CounterDossierForm,
    CounterPaymentForm,
    ResultUploadForm,
)
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.views.common import action_error, officer_required, scoped_dossier


def _bad_form(request, dossier, form):
    errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
    return render(
        request,
        "processing/action_error.html",
        {"dossier": dossier, "message": _("Dữ liệu chưa hợp lệ: %(e)s") % {"e": errors}},
        status=400,
    )


@require_POST
@officer_required
def transition_view(request, pk: int):
    dossier = scoped_dossier(request, pk)
    form = ActionForm(request.POST, papers=dossier_papers(dossier))
    if not form.is_valid():
        return _bad_form(request, dossier, form)
    return _perform(
        request,
        dossier,
        _("Đã cập nhật hồ sơ %(code)s.") % {"code": dossier.code},
        lambda: services.dossier_transition(
            dossier=dossier,
            to=form.cleaned_data["to"],
            actor=request.user,
            note=form.cleaned_data["note"],
            data=form.transition_data(),
            expected_status=form.cleaned_data["expected_status"],
            ip_address=client_ip(request),
        ),
    )


@require_POST
@officer_required
def approval_step_view(request, pk: int, action: str):
    dossier = scoped_dossier(request, pk)
    note = request.POST.get("note", "")[:2000]
    done = {
        "submit_for_approval": _("Đã trình phê duyệt hồ sơ %(code)s."),
        "return_for_rework": _("Đã trả lại hồ sơ %(code)s để xử lý lại."),
    }
    if action not in done:
        raise Http404
    return _perform(
        request,
        dossier,
        done[action] % {"code": dossier.code},
        lambda: services.approval_step(
            dossier=dossier,
            action=action,
            actor=request.user,
            note=note,
            ip_address=client_ip(request),
        ),
    )


def _perform(request, dossier, success: str, action):
    """Run one officer action; show its Vietnamese error (4xx) or the success message."""
    try:
        action()
    except TransitionError as exc:
        return action_error(request, dossier, exc)
    messages.success(request, success)
    return redirect("processing:dossier", pk=dossier.pk)


@require_POST
@officer_required
def result_upload_view(request, pk: int):
    dossier = scoped_dossier(request, pk)
    form = ResultUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _bad_form(request, dossier, form)
    return _perform(
        request,
        dossier,
        _("Đã tải lên văn bản kết quả."),
        lambda: services.add_result_file(
            dossier=dossier,
            actor=request.user,
            upload=form.cleaned_data["file"],
            ip_address=client_ip(request),
        ),
    )


@require_POST
@officer_required
def apology_view(request, pk: int):
    dossier = scoped_dossier(request, pk)
    form = ApologyForm(request.POST)
    if not form.is_valid():
        return _bad_form(request, dossier, form)
    return _perform(
        request,
        dossier,
        _("Đã lập văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết."),
        lambda: services.extend_deadline(
            dossier=dossier,
            actor=request.user,
            new_due_at=form.cleaned_data["new_due_at"],
            reason=form.cleaned_data["reason"],
            ip_address=client_ip(request),
        ),
    )


@require_POST
@officer_required
def originals_view(request, pk: int):
    dossier = scoped_dossier(request, pk)
    return _perform(
        request,
        dossier,
        _("Đã ghi nhận đối chiếu bản gốc."),
        lambda: services.record_originals_checked(
            dossier=dossier, actor=request.user, ip_address=client_ip(request)
        ),
    )


@require_POST
@officer_required
def counter_payment_view(request, pk: int):
    dossier = scoped_dossier(request, pk)
    form = CounterPaymentForm(request.POST)
    if not form.is_valid():
        return _bad_form(request, dossier, form)
    return _perform(
        request,
        dossier,
        _("Đã ghi nhận thu phí tại quầy."),
        lambda: services.record_counter_payment(
            dossier=dossier, actor=request.user, ip_address=client_ip(request), **form.cleaned_data
        ),
    )


@officer_required
def counter_create_view(request):
    agency = selectors.counter_agency(request.user, request.GET.get("co_quan", ""))
    if agency is None:
        raise Http404
    form = CounterDossierForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            dossier = services.counter_create_dossier(
                actor=request.user,
                agency=agency,
                procedure=data["procedure"],
                applicant={k: data[k] for k in ("name", "id_number", "phone", "email", "address")},
                form_data=({"noi_dung": data["note"]} if data["note"] else {})
                | counter_quantities(data["procedure"], copies=data["copies"], pages=data["pages"]),
                result_delivery=data["result_delivery"],
                ip_address=client_ip(request),
            )
        except TransitionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã tiếp nhận hồ sơ %(code)s.") % {"code": dossier.code})
            return redirect("processing:dossier", pk=dossier.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "processing/counter_create.html", {"form": form, "agency": agency}, status=status
    )


@require_POST
@officer_required
def sign_again_view(request, pk: int, attachment_pk: int):
    """Queue a failed signature of a result, slip or receipt again."""
    from django.shortcuts import get_object_or_404

    from dichvucong.dossiers.models import Attachment, SignedCopy
    from dichvucong.dossiers.services.signing import retry_signature

    dossier = scoped_dossier(request, pk)
    # Through the attachment's own primary key: a foreign-key filter does not check the
    # integer's range, and a 20-digit id in the address was a 500 on SQLite.
    attachment = get_object_or_404(Attachment, pk=attachment_pk, dossier=dossier)
    copy = get_object_or_404(SignedCopy, attachment=attachment)
    retry_signature(copy=copy, actor=request.user)
    messages.success(request, _("Đã đưa tài liệu vào hàng chờ ký số lại."))
    return redirect("processing:dossier", pk=dossier.pk)
