"""Digital-signature step: the signing means of `accounts.signing_means`, their JSON API, the
paste form (advanced fallback) and the demo provider's "phone" page."""

import base64
import binascii
import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from dichvucong.accounts import signature
from dichvucong.accounts.forms import SignatureForm
from dichvucong.accounts.signing_means import (
    RemoteSigningError,
    enabled_provider,
    enabled_providers,
)
from dichvucong.accounts.signing_means import session as remote
from dichvucong.accounts.signing_means.demo import answer_request, pending_request
from dichvucong.accounts.views.common import redirect_to

STATE = "registration"


def _bind_to_registration(request: HttpRequest, signer: signature.VerifiedSigner) -> str | None:
    """Attach the verified signer to the wizard; return an error message if it cannot be."""
    state = request.session.get(STATE)
    if not state or "data" not in state:
        return _("Không có phiên đăng ký đang chờ xác minh chữ ký số.")
    if not signer.carries(state["data"]["id_number"]):
        return _("Chứng thư số không mang số định danh cá nhân đã khai.")
    state["certificate_fingerprint"] = signer.fingerprint
    request.session[STATE] = state
    return None


def _verify(
    request: HttpRequest, certificate: str, signature_b64: str, hash_name: str = "sha256"
) -> str | None:
    try:
        raw_signature = base64.b64decode(signature_b64.strip(), validate=True)
    except (binascii.Error, ValueError):
        request.session.pop(signature.SESSION_KEY, None)
        return _("Chữ ký không đúng định dạng base64.")
    try:
        signer = signature.verify_response(
            session=request.session,
            certificate=certificate,
            signature=raw_signature,
            hash_name=hash_name,
        )
    except signature.SignatureError as exc:
        return str(exc)
    return _bind_to_registration(request, signer)


def _check_remote(request: HttpRequest, state: dict) -> tuple[str, str]:
    """Poll the session's sign request: ("pending"|"ok"|"error", message)."""
    try:
        result = remote.check_remote(request.session, method=state["method"])
    except RemoteSigningError as exc:
        return "error", str(exc)
    except signature.SignatureError as exc:
        return "error", str(exc)
    if result.signer is None:
        return "pending", ""
    error = _bind_to_registration(request, result.signer)
    return ("error", error) if error else ("ok", "")


def _page_post(request: HttpRequest, state: dict, form: SignatureForm) -> HttpResponse | None:
    """Handle the page's buttons; None to show the page again (with `form`'s errors)."""
    action = request.POST.get("action", "paste")
    if action == "paste":
        if form.is_valid():
            error = _verify(
                request, form.cleaned_data["certificate"], form.cleaned_data["signature"]
            )
            if not error:
                return redirect_to("register_password")
            form.add_error(None, error)
        return None
    if action == "remote_start":
        provider = enabled_provider(request.POST.get("provider", ""), state["method"])
        if provider is None or provider.browser:
            messages.error(request, _("Cách ký số này không được hỗ trợ."))
            return redirect_to("register_signature")
        try:
            remote.start_remote(
                request.session,
                provider,
                id_number=state["data"]["id_number"],
                full_name=state["data"].get("full_name", ""),
            )
        except RemoteSigningError as exc:
            messages.error(request, str(exc))
        return redirect_to("register_signature")
    if action == "remote_check":
        outcome, message = _check_remote(request, state)
        if outcome == "ok":
            return redirect_to("register_password")
        if outcome == "pending":
            messages.info(request, _("Chưa nhận được xác nhận ký từ điện thoại."))
        else:
            messages.error(request, message)
        return redirect_to("register_signature")
    remote.cancel(request.session)  # "remote_cancel" and anything else
    return redirect_to("register_signature")


def signature_page(request: HttpRequest, state: dict) -> HttpResponse:
    """The signing page: one section per enabled signing means, the paste form folded away."""
    pasted = request.method == "POST" and request.POST.get("action", "paste") == "paste"
    form = SignatureForm(request.POST if pasted else None)
    if request.method == "POST":
        response = _page_post(request, state, form)
        if response is not None:
            return response
    waiting = remote.pending(request.session)
    stored = request.session.get(signature.SESSION_KEY)
    if waiting and stored:
        challenge = {"challenge": stored["value"], "expires_in": signature.CHALLENGE_SECONDS}
    else:
        remote.cancel(request.session)
        waiting = None
        challenge = signature.issue_challenge(request.session)
    return render(
        request,
        "accounts/register_signature.html",
        {
            "form": form,
            "step": 3,
            "challenge": challenge,
            "state": state,
            "providers": enabled_providers(state["method"]),
            "waiting": waiting,
            "advanced_open": form.is_bound,
            "plugin_url": settings.SIGNATURE_PLUGIN_URL,
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def challenge_api(request: HttpRequest) -> JsonResponse:
    """Issue a one-time challenge for the plug-in to sign (session + CSRF protected)."""
    remote.cancel(request.session)
    return JsonResponse(signature.issue_challenge(request.session))


@require_POST
def verify_api(request: HttpRequest) -> JsonResponse:
    """Check the plug-in's certificate and signature over the session's challenge."""
    try:
        body = json.loads(request.body or b"{}")
        certificate, signed = str(body["certificate"]), str(body["signature"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"ok": False, "error": _("Yêu cầu không hợp lệ.")}, status=400)
    error = _verify(request, certificate, signed, str(body.get("hash", "sha256")))
    if error:
        return JsonResponse({"ok": False, "error": error}, status=400)
    return JsonResponse({"ok": True, "next": reverse("accounts:register_password")})


@require_POST
def remote_status_api(request: HttpRequest) -> JsonResponse:
    """Poll the session's remote sign request for the page's script."""
    state = request.session.get(STATE)
    if not state or "data" not in state:
        return JsonResponse(
            {"ok": False, "error": _("Không có phiên đăng ký đang chờ xác minh chữ ký số.")},
            status=400,
        )
    outcome, message = _check_remote(request, state)
    if outcome == "pending":
        return JsonResponse({"ok": False, "pending": True})
    if outcome == "ok":
        return JsonResponse({"ok": True, "next": reverse("accounts:register_password")})
    return JsonResponse({"ok": False, "error": message}, status=400)


@require_http_methods(["GET", "POST"])
def demo_phone(request: HttpRequest, transaction_id: str) -> HttpResponse:
    """The demo provider's "phone": confirm or refuse a pending sign request."""
    if enabled_provider("demo") is None:
        raise Http404
    sign_request = pending_request(transaction_id)
    done = ""
    if request.method == "POST" and sign_request is not None:
        confirm = request.POST.get("answer") == "confirm"
        answer_request(transaction_id, confirm=confirm)
        done = "confirmed" if confirm else "refused"
        sign_request = None
    return render(
        request,
        "accounts/signature_demo_phone.html",
        {"sign_request": sign_request, "done": done},
        status=200 if sign_request or done else 404,
    )
