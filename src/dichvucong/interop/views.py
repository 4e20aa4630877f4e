"""National sign-in: start, callback, proving an existing account, single logout, demo chooser."""

import datetime as dt
import logging
import secrets
import time
from dataclasses import asdict
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dichvucong.accounts import otp, throttle
from dichvucong.accounts.services import (
    DuplicateAccountError,
    NationalPerson,
    link_national_identity,
    national_sign_in,
)
from dichvucong.accounts.signin import remember_sign_in
from dichvucong.accounts.views.common import client_ip, landing_url
from dichvucong.core.redirects import safe_next
from dichvucong.interop.claims import person_from_claims
from dichvucong.interop.sso import PROVIDER_DOWN, SsoError, get_sso_provider
from dichvucong.interop.sso.demo import DEMO_PEOPLE, issue_demo_code

logger = logging.getLogger(__name__)

FLOWS = "sso_flows"
PENDING = "sso_pending_link"
LOGOUT = "sso_logout"
FLOW_SECONDS = 10 * 60
MAX_FLOWS = 5
BACKEND = "django.contrib.auth.backends.ModelBackend"
LINK_OTP = "identity_link"


def _provider_or_404(provider_id: str):
    try:
        return get_sso_provider(provider_id)
    except ValueError as exc:
        raise Http404 from exc


def _failed(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    return render(request, "interop/sign_in_failed.html", {"message": message}, status=status)


@require_GET
def start(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Send the browser to the provider with a fresh state (and nonce and PKCE verifier)."""
    provider = _provider_or_404(provider_id)
    state = secrets.token_urlsafe(32)
    redirect_uri = request.build_absolute_uri(reverse("interop:callback", args=[provider.id]))
    try:
        begun = provider.begin(redirect_uri=redirect_uri, state=state)
    except SsoError as exc:
        logger.warning("sign-in start failed: %s", exc.detail)
        return _failed(request, exc.message, status=502)
    now = time.time()
    flows = {
        key: value
        for key, value in (request.session.get(FLOWS) or {}).items()
        if now - value["at"] < FLOW_SECONDS
    }
    flows = dict(sorted(flows.items(), key=lambda item: item[1]["at"])[-(MAX_FLOWS - 1) :])
    flows[state] = {
        "provider": provider.id,
        "flow": begun.flow,
        "next": safe_next(request) or "",
        "at": now,
    }
    request.session[FLOWS] = flows
    return redirect(begun.url)


@require_GET
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    """Finish the sign-in: the state must be one this session started, used once."""
    provider = _provider_or_404(provider_id)
    flows = request.session.get(FLOWS) or {}
    entry = flows.pop(request.GET.get("state", ""), None)
    request.session[FLOWS] = flows
    if (
        entry is None
        or entry["provider"] != provider.id
        or time.time() - entry["at"] >= FLOW_SECONDS
    ):
        return _failed(
            request,
            _("Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại."),
            status=400,
        )
    try:
        result = provider.finish(params=request.GET.dict(), flow=entry["flow"])
        person = person_from_claims(provider.id, result.claims)
        outcome = national_sign_in(person=person, ip_address=client_ip(request))
    except SsoError as exc:
        logger.warning("sign-in failed: %s", exc.detail)
        status = 502 if exc.message == str(PROVIDER_DOWN) else 400
        return _failed(request, exc.message, status=status)
    except DuplicateAccountError as exc:
        return _failed(request, str(exc), status=409)
    if outcome.needs_proof is not None:
        request.session[PENDING] = {
            "user_id": outcome.needs_proof.pk,
            "person": {**asdict(person), "date_of_birth": _iso(person.date_of_birth)},
            "id_token": result.id_token,
            "next": entry["next"],
            "at": time.time(),
        }
        return redirect("interop:link")
    return _log_in(request, outcome.user, person, result.id_token, entry["next"])


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _log_in(request, user, person: NationalPerson, id_token: str, next_url: str):
    login(request, user, backend=BACKEND)
    remember_sign_in(request.session, method=person.provider, level=person.level)
    request.session[LOGOUT] = {"provider": person.provider, "id_token": id_token}
    if next_url:
        return redirect(next_url)
    return redirect(landing_url(request, user))


def _pending(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] >= FLOW_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is None:
        return None, None
    data = dict(pending["person"])
    if data.get("date_of_birth"):
        data["date_of_birth"] = dt.date.fromisoformat(data["date_of_birth"])
    return user, (NationalPerson(**data), pending)


@require_http_methods(["GET", "POST"])
def link(request: HttpRequest) -> HttpResponse:
    """An account with this ID number exists here: link it only once its owner proves it."""
    user, found = _pending(request)
    if user is None:
        return _failed(
            request,
            _("Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại."),
            status=400,
        )
    person, pending = found
    status = 200
    error = ""
    otp_sent = bool(pending.get("otp_sent"))
    if request.method == "POST":
        action = request.POST.get("action")
        status = 400
        proof = ""
        if action == "password":
            proven, verdict = throttle.authenticate_throttled(
                request,
                identifier=user.id_number or user.username,
                password=request.POST.get("password", ""),
                ip=client_ip(request),
            )
            if proven is not None and proven.pk == user.pk:
                proof = "password"
            elif verdict == throttle.LOCKED:
                status, error = (
                    429,
                    _("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."),
                )
            else:
                error = _("Mật khẩu không đúng.")
        elif action == "send_otp" and user.phone:
            try:
                otp.issue_otp(purpose=LINK_OTP, phone=user.phone, ip=client_ip(request), user=user)
            except otp.OtpError as exc:
                error = str(exc)
            else:
                pending["otp_sent"] = otp_sent = True
                request.session[PENDING] = pending
                status = 200
        elif action == "verify_otp" and user.phone:
            try:
                otp.verify_otp(
                    purpose=LINK_OTP, phone=user.phone, code=request.POST.get("code", "")
                )
            except otp.OtpError as exc:
                error = str(exc)
            else:
                proof = "otp"
        else:
            error = _("Yêu cầu không hợp lệ, vui lòng thử lại.")
        if proof:
            user = link_national_identity(
                user=user, person=person, proof=proof, ip_address=client_ip(request)
            )
            request.session.pop(PENDING, None)
            messages.success(request, _("Đã liên kết tài khoản với tài khoản định danh điện tử."))
            return _log_in(request, user, person, pending["id_token"], pending["next"])
    return render(
        request,
        "interop/link.html",
        {"account": user, "has_phone": bool(user.phone), "otp_sent": otp_sent, "error": error},
        status=status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Log out here and, after a national sign-in, at the provider too (single logout)."""
    state = request.session.get(LOGOUT) or {}
    logout(request)
    home = request.build_absolute_uri("/")
    if state.get("provider") in settings.OIDC_PROVIDERS:
        provider = get_sso_provider(state["provider"])
        url = provider.logout_url(id_token=state.get("id_token", ""), post_logout_redirect_uri=home)
        if url:
            return redirect(url)
    return redirect(home)


@require_http_methods(["GET", "POST"])
def demo_chooser(request: HttpRequest) -> HttpResponse:
    """DEMO_MODE only: choose a fictitious person to sign in as (the demo provider's page)."""
    if not settings.DEMO_MODE or "demo" not in settings.OIDC_PROVIDERS:
        raise Http404
    state = request.GET.get("state", "")
    if request.method == "POST":
        key = request.POST.get("person", "")
        if key in DEMO_PEOPLE:
            query = "?" + urlencode({"state": state, "code": issue_demo_code(key)})
            return redirect(reverse("interop:callback", args=["demo"]) + query)
    return render(
        request,
        "interop/demo_chooser.html",
        {"people": DEMO_PEOPLE.items(), "state": state},
        status=400 if request.method == "POST" else 200,
    )
