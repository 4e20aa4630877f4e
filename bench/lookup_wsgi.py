"""WSGI entry for bench/lookup.py: the project as deployed, plus one bare view to compare with."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.settings")

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

import dichvucong.urls  # noqa: E402


def bare(request):
    """The floor: a view that does nothing, behind the same middleware and settings."""
    return HttpResponse("ok", content_type="text/plain")


# Placed right before the tracking URLs, so both views cost the URL resolver the same.
_patterns = dichvucong.urls.urlpatterns
_tracking = next(i for i, p in enumerate(_patterns) if getattr(p, "app_name", None) == "tracking")
_patterns.insert(_tracking, path("bench/bare/", bare))
application = get_wsgi_application()
