"""Citizen pages for paying fees, the demo pay page, the return page and the gateways' IPNs."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from dichvucong.core.audit import client_ip
from dichvucong.core.bodies import body_text
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.dossiers.fees import fee_state
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.providers import (
    PAYMENT_PROVIDER_CLASSES,
    InvalidSignature,
    IpnResult,
    PaymentGatewayError,
    enabled_payment_providers,
    get_payment_provider,
    provider_enabled,
)
from dichvucong.payments.selectors import citizen_dossier, citizen_payment, payment_rows
from dichvucong.payments.services import (
    PaymentNotPayable,
    PaymentStartInProgress,
    payment_confirm_from_ipn,
    payment_due,
    payment_reject_notice,
    payment_start,
)
from dichvucong.payments.tasks import reconcile_payment

logger = logging.getLogger(__name__)
GATEWAYS = [pid for pid in PAYMENT_PROVIDER_CLASSES if pid != "demo"]


@login_required
def dossier_fees(
    request: HttpRequest, dossier_id: int, *, status: int = 200, error: str = ""
) -> HttpResponse:
    """Show the dossier's fees and the ways to pay them."""
    dossier = citizen_dossier(request.user, dossier_id)
    return render(
        request,
        "payments/dossier_fees.html",
        {
            "dossier": dossier,
            "fees": fee_state(dossier),
            "payments": payment_rows(dossier),
            "error": error,
            "providers": enabled_payment_providers(),
        },
        status=status,
    )


@login_required
def pay_by_code(request: HttpRequest, code: str) -> HttpResponse:
    """Open the fee page of the applicant's dossier with this code."""
    dossier = citizen_dossier(request.user, code=code)
    return redirect("payments:dossier_fees", dossier_id=dossier.pk)


@login_required
@require_POST
def start(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Send the citizen to the chosen gateway."""
    dossier = citizen_dossier(request.user, dossier_id)
    provider_id = request.POST.get("provider", "")
    if provider_id not in {p.id for p in enabled_payment_providers()}:
        return dossier_fees(
            request, dossier_id, status=400, error=_("Vui lòng chọn một hình thức thanh toán.")
        )
    payment = payment_due(dossier=dossier, actor=request.user)
    if payment is None:
        messages.info(request, _("Hồ sơ không còn khoản phí nào cần thanh toán."))
        return redirect("payments:dossier_fees", dossier_id=dossier.pk)
    try:
        url = payment_start(
            payment=payment,
            provider_id=provider_id,
            actor=request.user,
            client_ip=client_ip(request) or "",
            return_url=request.build_absolute_uri(reverse("payments:return")),
            ipn_url=request.build_absolute_uri(reverse("payments:ipn", args=[provider_id])),
        )
    except PaymentNotPayable:
        messages.info(request, _("Khoản phí này đã được thanh toán hoặc miễn."))
        return redirect("payments:dossier_fees", dossier_id=dossier.pk)
    except PaymentStartInProgress:
        return dossier_fees(
            request,
            dossier_id,
            status=409,
            error=_(
                "Giao dịch đang được chuyển sang cổng thanh toán. "
                "Vui lòng chờ giây lát rồi bấm thanh toán lại."
            ),
        )
    except PaymentGatewayError:
        return dossier_fees(
            request,
            dossier_id,
            status=503,
            error=_(
                "Cổng thanh toán đang gián đoạn, chưa có khoản tiền nào bị trừ. "
                "Vui lòng thử lại sau ít phút hoặc chọn hình thức khác."
            ),
        )
    return redirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def demo_pay(request: HttpRequest, order_ref: str) -> HttpResponse:
    """The demo provider's pay page: "Thanh toán" or "Hủy", then back to the return page."""
    payment = citizen_payment(request.user, order_ref)
    if payment.provider != "demo" or not provider_enabled("demo"):
        raise Http404
    if request.method == "POST":
        provider = get_payment_provider("demo")
        success = request.POST.get("action") == "pay"
        payment_confirm_from_ipn(
            provider_id="demo",
            source="demo",
            actor=request.user,
            notice=provider.notice(payment=payment, success=success),
            ip=client_ip(request),
        )
        return redirect(reverse("payments:return") + f"?provider=demo&ref={payment.order_ref}")
    return render(request, "payments/demo_pay.html", {"payment": payment})


@login_required
def payment_return(request: HttpRequest) -> HttpResponse:
    """Where gateways send the citizen back: shows the state recorded from the IPN only."""
    # Only the enabled providers read the redirect: any other provider's return URL is a 404.
    ref = next((r for p in enabled_payment_providers() if (r := p.return_ref(request.GET))), None)
    if not ref:
        raise Http404
    payment = citizen_payment(request.user, ref)
    if payment.status == PaymentStatus.PENDING and payment.provider in GATEWAYS:
        # The redirect alone proves nothing; ask the gateway in the background instead.
        enqueue_on_commit(reconcile_payment, payment.pk)
        payment.refresh_from_db()
    return render(
        request,
        "payments/return.html",
        {
            "payment": payment,
            "dossier": payment.dossier,
            "fees": fee_state(payment.dossier),
            "payments": payment_rows(payment.dossier),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def ipn(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Server-to-server result from a gateway: signature-verified, then confirmed idempotently."""
    if provider_id not in GATEWAYS or not provider_enabled(provider_id):
        raise Http404
    provider = get_payment_provider(provider_id)
    raw_body = request.body  # read first: form parsing would consume the stream
    try:
        notice = provider.parse_ipn(request)
    except InvalidSignature as exc:
        data = (
            request.GET.dict()
            if request.method == "GET"
            else {"body": body_text(raw_body[:2000], strict=False)}
        )
        payment_reject_notice(
            provider_id=provider_id, reason=str(exc), data=data, ip=client_ip(request)
        )
        return provider.ipn_response(IpnResult.INVALID_SIGNATURE)
    try:
        result = payment_confirm_from_ipn(
            provider_id=provider_id, notice=notice, ip=client_ip(request)
        )
    except Exception:
        logger.exception("IPN %s for %s failed", provider_id, notice.order_ref)
        result = IpnResult.ERROR
    return provider.ipn_response(result)


@login_required
def receipt(request: HttpRequest, order_ref: str) -> FileResponse:
    """Download the receipt (biên lai) of one of the citizen's payments."""
    payment = citizen_payment(request.user, order_ref)
    if payment.receipt is None:
        raise Http404
    return FileResponse(
        payment.receipt.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=payment.receipt.original_name,
    )
