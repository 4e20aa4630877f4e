"""Portal-wide middleware: the language, the security headers of every response, and
addresses no page can have."""

import secrets
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.utils import translation


class NulInPathMiddleware:
    """Answer 404 to an address holding a NUL character (`%00`).

    No page has one, and a path parameter carrying it reached a query: PostgreSQL refuses NUL
    in text ("cannot contain NUL (0x00) bytes"), which was a 500 on every `<str:…>` page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        return self.get_response(request)


class SessionTouchMiddleware:
    """Keep a signed-in session alive while it is used, writing it at most once a minute.

    A session lasts SESSION_COOKIE_AGE (30 minutes) from when it was last written. Writing it
    at every request (Django's SESSION_SAVE_EVERY_REQUEST) cost a database write per click;
    here the expiry is pushed back when SESSION_TOUCH_SECONDS have passed since the last
    write, so an idle session ends between 29 and 30 minutes after the last request. Sits
    after SessionMiddleware, so its answer is seen first and the mark is saved with it.
    """

    KEY = "_touched"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response  # nothing to keep alive
        now = int(time.time())
        # A session written anyway (a login, a changed draft step) takes the mark for free.
        if session.modified or now - session.get(self.KEY, 0) >= settings.SESSION_TOUCH_SECONDS:
            session[self.KEY] = now
        return response


class PortalLanguageMiddleware:
    """Activate the language from the language cookie, else Vietnamese.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many Vietnamese
    phones run in English; a Vietnamese portal should stay Vietnamese until asked otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


class CspNonce:
    """A per-request nonce, made only when a template uses it (`{{ csp_nonce }}`)."""

    def __init__(self) -> None:
        self.value: str | None = None

    def __str__(self) -> str:
        if self.value is None:
            self.value = secrets.token_urlsafe(18)
        return self.value


def content_security_policy(nonce: str | None) -> str:
    """Return the policy of the portal's pages: everything from this site, no inline code.

    A `<script>` or `<style>` written in a template needs `nonce="{{ csp_nonce }}"`; `style=""`
    and `on…=""` attributes are refused (use classes and static/js). A page that uses the nonce
    must not be kept in the page cache (the nonce changes with every response).
    """
    extra = f" 'nonce-{nonce}'" if nonce else ""
    directives = {
        "default-src": "'self'",
        "script-src": f"'self'{extra}",
        "style-src": f"'self'{extra}",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": " ".join(["'self'", *_connect_origins()]),
        "object-src": "'none'",
        "base-uri": "'self'",
        "frame-ancestors": "'none'",
        # Payment starts are forms answered by a redirect to the gateway's page.
        "form-action": " ".join(["'self'", "https:", *_gateway_origins()]),
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _gateway_origins() -> list[str]:
    """Return the origins of the payment gateways' pages not already covered by `https:`."""
    origins = []
    for name in settings.CSP_GATEWAY_URL_SETTINGS:
        parts = urlsplit(getattr(settings, name, "") or "")
        if parts.scheme == "http" and parts.netloc:
            origins.append(f"http://{parts.netloc}")
    return sorted(set(origins))


def _connect_origins() -> list[str]:
    """Return the origins the pages' scripts may call besides this site (the signing plug-in
    on the citizen's computer, CSP_CONNECT_URL_SETTINGS)."""
    origins = []
    for name in settings.CSP_CONNECT_URL_SETTINGS:
        parts = urlsplit(getattr(settings, name, "") or "")
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return sorted(set(origins))


class SecurityHeadersMiddleware:
    """Put the Content-Security-Policy on every response and keep personal pages out of caches.

    `Cache-Control: private, no-store` goes on every response to a signed-in visitor, or to one
    with a session (registration, password reset), unless the view set its own Cache-Control
    (a view that marks itself public, or keeps a private image for an hour, says so). Views
    showing personal data to anonymous visitors (the public lookup) set it themselves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = CspNonce()
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = content_security_policy(request.csp_nonce.value)
        if "Cache-Control" not in response and _is_personal(request):
            response["Cache-Control"] = "private, no-store"
        return response


def _is_personal(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and not session.is_empty()
