from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dichvucong.core"
    label = "core"
    verbose_name = _("Hệ thống")

    def ready(self) -> None:
        from dichvucong.core import signals  # noqa: F401
