"""The portal speaks Vietnamese unless the visitor picked another language with the switch."""

from django.conf import settings
from django.utils import translation


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
