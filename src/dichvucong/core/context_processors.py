"""Template context shared by every page."""

from django.http import HttpRequest

from dichvucong.core.selectors import current_province


def portal(request: HttpRequest) -> dict:
    """Expose the province (names, centre address, hotline) and the CSP nonce to every template."""
    return {"province": current_province(), "csp_nonce": getattr(request, "csp_nonce", "")}
