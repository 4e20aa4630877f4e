"""Template context shared by every page."""

from django.http import HttpRequest

from dichvucong.core.selectors import current_province


def portal(request: HttpRequest) -> dict:
    """Expose the province (names, centre address, hotline) to every template."""
    return {"province": current_province()}
