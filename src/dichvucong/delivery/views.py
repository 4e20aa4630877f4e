"""Citizen choice of result delivery, the post's status callbacks, the officer's dispatch page."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from dichvucong.accounts.permissions import may_record_originals
from dichvucong.core.audit import audit_log, client_ip
from dichvucong.core.bodies import BadBody, body_text
from dichvucong.core.redirects import safe_next
from dichvucong.delivery.fees import fee_table
from dichvucong.delivery.forms import DeliveryChoiceForm
from dichvucong.delivery.providers import (
    InvalidCallback,
    StatusUpdate,
    delivery_provider_enabled,
    get_delivery_provider,
)
from dichvucong.delivery.selectors import current_shipment
from dichvucong.delivery.services import (
    DeliveryNotAllowed,
    delivery_changeable,
    delivery_choose,
    originals_receipt_record,
    shipment_apply_status,
    shipment_create,
)
from dichvucong.dossiers.models import Dossier
from dichvucong.processing.allowed import allowed_actions
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.selectors import staff_dossier_or_404

logger = logging.getLogger(__name__)


@login_required
def delivery_choice(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Let the applicant choose or change how to receive the result, and follow the parcel.

    Drafts are included: the review step before Submit links here and comes back (`next`).
    """
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure", "agency"), pk=dossier_id, applicant=request.user
    )
    back = safe_next(request)
    editable = delivery_changeable(dossier)
    form = DeliveryChoiceForm(initial=DeliveryChoiceForm.initial_for(dossier))
    status = 200
    if request.method == "POST" and editable:
        form = DeliveryChoiceForm(request.POST)
        if form.is_valid():
            try:
                delivery_choose(
                    dossier=dossier,
                    actor=request.user,
                    method=form.cleaned_data["result_delivery"],
                    address=form.address(),
                )
                messages.success(request, _("Đã lưu hình thức nhận kết quả."))
                return redirect(back or reverse("delivery:choice", args=[dossier.pk]))
            except DeliveryNotAllowed:
                form.add_error(None, _("Hồ sơ đã có kết quả, không thể thay đổi."))
        status = 400
    return render(
        request,
        "delivery/choice.html",
        {
            "dossier": dossier,
            "form": form,
            "editable": editable,
            "fees": fee_table(),
            "shipment": current_shipment(dossier),
            "next": back,
        },
        status=status,
    )


@csrf_exempt
@require_POST
def status_callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """The post's signed status report."""
    if not delivery_provider_enabled(provider_id):
        raise Http404
    try:
        body_text(request.body)
    except BadBody:
        return JsonResponse({"ok": False, "error": "body is not UTF-8"}, status=400)
    try:
        update = get_delivery_provider(provider_id).parse_callback(
            body=request.body, headers=request.headers
        )
    except InvalidCallback as exc:
        audit_log(
            action="delivery.callback_rejected",
            ip_address=client_ip(request),
            data={"provider": provider_id, "reason": str(exc)},
        )
        return JsonResponse({"ok": False, "error": "invalid signature"}, status=401)
    shipment = shipment_apply_status(update=update, provider_id=provider_id)
    if shipment is None:
        return JsonResponse({"ok": False, "error": "unknown order"}, status=404)
    return JsonResponse({"ok": True})


def _officer_action(request: HttpRequest, dossier: Dossier) -> str:
    action = request.POST.get("action")
    shipment = current_shipment(dossier)
    if action == "ship":
        callback = request.build_absolute_uri(
            reverse("delivery:callback", args=[get_delivery_provider().id])
        )
        shipment_create(dossier=dossier, actor=request.user, callback_url=callback)
        return _("Đã chuyển kết quả cho bưu chính.")
    if action == "originals" and shipment is not None:
        originals_receipt_record(shipment=shipment, actor=request.user)
        return _("Đã ghi nhận nhận bản gốc.")
    demo = settings.DEMO_MODE and shipment is not None and shipment.provider == "demo"
    if action == "demo_delivered" and demo:
        shipment_apply_status(
            provider_id="demo",
            update=StatusUpdate(
                reference=shipment.reference,
                tracking_number=shipment.tracking_number,
                status="delivered",
                originals_collected=shipment.collect_originals,
                raw={"demo": True},
            ),
        )
        return _("Đã ghi nhận giao thành công (thử nghiệm).")
    raise DeliveryNotAllowed(action)


@login_required
def officer_delivery(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """The officer returns a result by post and records the originals that came back."""
    dossier = staff_dossier_or_404(request.user, dossier_id)
    status = 200
    if request.method == "POST":
        try:
            messages.success(request, _officer_action(request, dossier))
            default = reverse("delivery:officer", args=[dossier.pk])
            return redirect(safe_next(request, default=default))
        except DeliveryNotAllowed:
            messages.error(
                request, _("Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.")
            )
            status = 400
        except TransitionError as exc:
            messages.error(request, str(exc))
            status = exc.status_code
    return render(
        request,
        "delivery/officer.html",
        {
            "dossier": dossier,
            "shipment": current_shipment(dossier),
            "demo_mode": settings.DEMO_MODE,
            "actions": allowed_actions(request.user, dossier),
            "may_record_originals": may_record_originals(request.user, dossier),
        },
        status=status,
    )
