"""Helpers shared by the account views."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from dichvucong.accounts import captcha
from dichvucong.accounts.permissions import back_office_home
from dichvucong.core.audit import client_ip

__all__ = ["captcha_image", "client_ip", "landing_url", "redirect_to"]


def captcha_image(request: HttpRequest) -> HttpResponse:
    """Draw the session's current captcha (a new one if none is pending)."""
    answer = request.session.get(captcha.SESSION_KEY) or captcha.new_challenge(request.session)
    response = HttpResponse(captcha.render_png(answer), content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response


def landing_url(request: HttpRequest, user) -> str:
    """Return where a user goes after login: a safe `next`, their back-office page, or profile."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return back_office_home(user) or reverse("accounts:profile")


def redirect_to(name: str) -> HttpResponse:
    return redirect(f"accounts:{name}")
