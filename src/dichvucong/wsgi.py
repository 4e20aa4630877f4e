"""WSGI entry point (served by granian in production and by `make run`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.settings")
application = get_wsgi_application()

from dichvucong.core.memory import freeze_startup_objects  # noqa: E402 (after Django is set up)
from dichvucong.core.pdf import prepare_faces  # noqa: E402

prepare_faces()
freeze_startup_objects()
