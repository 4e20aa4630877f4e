from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "dichvucong.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from dichvucong.notifications import checks as notifications_checks

        checks.register(notifications_checks.check_sms_provider, checks.Tags.security)
        checks.register(
            notifications_checks.check_sms_provider_deploy, checks.Tags.security, deploy=True
        )
