from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessingConfig(AppConfig):
    name = "dichvucong.processing"
    label = "processing"
    verbose_name = _("Xử lý hồ sơ")

    def ready(self) -> None:
        from dichvucong.processing import notify  # noqa: F401 - declares its message templates
