"""The demo outbox: lets someone trying the portal read the SMS (only in demo mode)."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dichvucong.notifications.selectors import recent_sms
from dichvucong.notifications.services import sent_text


@require_GET
def demo_outbox(request: HttpRequest) -> HttpResponse:
    """List the latest SMS of the demo provider; a 404 unless DEMO_MODE is on."""
    if not settings.DEMO_MODE or settings.SMS_PROVIDER != "demo":
        raise Http404
    # Beside the logged text, what the phone gets: folded if configured, cut to its parts.
    rows = [(sms, sent_text(sms)) for sms in recent_sms(limit=50)]
    response = render(request, "notifications/demo_outbox.html", {"rows": rows})
    response["Cache-Control"] = "no-store"
    return response
