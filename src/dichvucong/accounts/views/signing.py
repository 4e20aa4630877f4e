"""Digital-signature challenge–response: JSON API for the signing plug-in and a paste form."""

import base64
import binascii
import json

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dichvucong.accounts import signature

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


def accept_signature_form(request: HttpRequest, form) -> bool:
    """Verify the pasted certificate and signature; put the error on the form if refused."""
    error = _verify(request, form.cleaned_data["certificate"], form.cleaned_data["signature"])
    if error:
        form.add_error(None, error)
        return False
    return True


@require_POST
def challenge_api(request: HttpRequest) -> JsonResponse:
    """Issue a one-time challenge for the plug-in to sign (session + CSRF protected)."""
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
