"""Error pages in Vietnamese."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dichvucong.core.redirects import redirect_next


def favicon(request: HttpRequest) -> HttpResponse:
    """Send browsers that ask for /favicon.ico to the portal's icon (a static SVG)."""
    from django.templatetags.static import static

    return redirect(static("img/favicon.svg"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Render the Vietnamese 403 page."""
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Render the Vietnamese page for a form sent without a valid CSRF token."""
    return render(request, "403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Render the Vietnamese 404 page."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Render the 500 page without touching the database."""
    return render(request, "500.html", status=500)


def admin_login(request: HttpRequest) -> HttpResponse:
    """Send the admin's sign-in to the portal login (throttled); refuse signed-in non-staff."""
    if request.user.is_authenticated:
        if request.user.is_staff:
            return redirect_next(
                request, value=request.GET.get("next"), default=reverse("admin:index")
            )
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))


def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the chosen language in a cookie and go back (a plain link, so pages that have
    no form of their own need no CSRF token and stay cacheable)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    response = redirect_next(request, value=request.GET.get("next"), default="/")
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
