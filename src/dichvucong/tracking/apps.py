from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "dichvucong.tracking"
    verbose_name = _("Theo dõi hồ sơ")

    def ready(self) -> None:
        from dichvucong.tracking import signals  # noqa: F401
