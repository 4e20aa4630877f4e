"""Where a `next` parameter may send a visitor: a path on this site, nothing else."""

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, value: str | None = None, *, default: str = "") -> str:
    """Return `value` (else the request's `next`) as a same-site path, or `default`.

    Only a path is returned ("/thu-tuc/?q=1"): never another host or scheme, and never a bare
    word that `redirect()` would take for a view name.
    """
    if value is None:
        value = request.POST.get("next") or request.GET.get("next") or ""
    value = value.strip()
    if not value or not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    parts = urlsplit(value)
    path = parts.path
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return default
    return (
        path
        + (f"?{parts.query}" if parts.query else "")
        + (f"#{parts.fragment}" if parts.fragment else "")
    )


def redirect_next(request: HttpRequest, *, default: str, value: str | None = None):
    """Redirect to the safe `next` path, else to `default` (a path)."""
    return HttpResponseRedirect(safe_next(request, value, default=default) or default)
