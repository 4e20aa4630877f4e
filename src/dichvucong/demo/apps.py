from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo province and the commands that run the portal; depends on every other app."""

    name = "dichvucong.demo"
    label = "demo"
    verbose_name = _("Dữ liệu minh họa")

    def ready(self) -> None:
        from dichvucong.demo import checks  # noqa: F401 - registers the system checks
