"""The captcha's own pages: its image, its spoken digits, and a new challenge on request.

A new challenge comes back as JSON to the page's script (no reload) or, without JavaScript,
as a redirect to the form it belongs to. All three count against one limit per address.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dichvucong.accounts import captcha, captcha_speech
from dichvucong.core.audit import client_ip
from dichvucong.core.ratelimit import hit
from dichvucong.core.redirects import safe_next

CHALLENGE_LIMIT = 60  # images, sounds and new challenges per address
LIMIT_SECONDS = 10 * 60


def _limited(request: HttpRequest) -> HttpResponse | None:
    """Count the request; answer 429 once the address has asked for too many challenges."""
    if hit(f"captcha:{client_ip(request) or '-'}", seconds=LIMIT_SECONDS) <= CHALLENGE_LIMIT:
        return None
    message = _("Bạn đã yêu cầu quá nhiều mã xác thực. Vui lòng thử lại sau ít phút.")
    if _wants_json(request):
        response = JsonResponse({"error": message}, status=429)
    elif request.resolver_match.url_name == "captcha_new":  # a link: back to the form, told why
        messages.error(request, message)
        response = redirect(_back(request))
        response.status_code = 303
        return response
    else:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(LIMIT_SECONDS)
    return response


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _back(request: HttpRequest) -> str:
    return safe_next(request, default=reverse("accounts:login"))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def captcha_image(request: HttpRequest) -> HttpResponse:
    """Draw the session's current captcha (a new one if none is pending)."""
    if captcha.kind(request.session) != captcha.IMAGE:
        raise Http404  # a sum or spoken digits are never drawn: no easier way round them
    if refused := _limited(request):
        return refused
    answer = request.session.get(captcha.SESSION_KEY) or captcha.new_challenge(request.session)
    return _no_store(HttpResponse(captcha.render_png(answer), content_type="image/png"))


@require_GET
def captcha_audio(request: HttpRequest) -> HttpResponse:
    """Speak the session's pending digits (only for a session that chose to listen)."""
    answer = request.session.get(captcha.SESSION_KEY)
    if captcha.kind(request.session) != captcha.AUDIO or not answer:
        raise Http404
    if refused := _limited(request):
        return refused
    try:
        sound = captcha_speech.wav(captcha.spoken_words(answer), language=get_language())
    except captcha_speech.SpeechUnavailable as error:
        raise Http404 from error
    return _no_store(HttpResponse(sound, content_type="audio/wav"))


@require_GET
def captcha_new(request: HttpRequest) -> HttpResponse:
    """Make a new challenge (`kieu` switches its kind); answer the script, or go back."""
    if refused := _limited(request):
        return refused
    session = request.session
    captcha.new_challenge(session, choose=request.GET.get("kieu"))
    if _wants_json(request):
        return _no_store(JsonResponse(captcha.page_state(session)))
    return redirect(_back(request))
