"""The demo outbox: lets someone trying the portal read the SMS (only in demo mode)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dichvucong.notifications.selectors import recent_sms


@require_GET
def demo_outbox(request: HttpRequest) -> HttpResponse:
    """List the latest SMS of the demo provider; a 404 unless DEMO_MODE is on."""
    if not settings.DEMO_MODE or settings.SMS_PROVIDER != "demo":
        raise Http404
    response = render(
        request, "notifications/demo_outbox.html", {"messages_list": recent_sms(limit=50)}
    )
    response["Cache-Control"] = "no-store"
    return response
