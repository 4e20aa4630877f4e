"""Helpers shared by the account views."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from dichvucong.accounts.permissions import back_office_home
from dichvucong.core.audit import client_ip
from dichvucong.core.redirects import safe_next

__all__ = ["client_ip", "landing_url", "redirect_to"]


def landing_url(request: HttpRequest, user) -> str:
    """Return where a user goes after login: a safe `next`, the officer workspace, or profile."""
    if target := safe_next(request):
        return target
    return back_office_home(user) or reverse("accounts:profile")


def redirect_to(name: str) -> HttpResponse:
    return redirect(f"accounts:{name}")
