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


dichvucong.urls.urlpatterns.insert(0, path("bench/bare/", bare))
application = get_wsgi_application()
