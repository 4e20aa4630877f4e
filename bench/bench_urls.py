"""The portal's URLs plus a bare view, mounted only by bench_settings."""

import time

from django.http import HttpResponse
from django.urls import path

from dichvucong.urls import handler404, handler500
from dichvucong.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def bare(request):
    """The smallest Django view: the yardstick for the search page's throughput."""
    return HttpResponse(b"ok", content_type="text/plain")


class ServerTimingMiddleware:
    """Report the time Django spent on a request in a Server-Timing header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.3f}"
        return response


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
