"""ASGI entry point, for deployments that need it; WSGI is faster for this portal."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.settings")
application = get_asgi_application()
