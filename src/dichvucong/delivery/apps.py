from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "dichvucong.delivery"
    label = "delivery"
    verbose_name = _("Chuyển phát")

    def ready(self) -> None:
        from dichvucong.delivery import checks as delivery_checks

        checks.register(delivery_checks.check_delivery_provider, checks.Tags.security)
        checks.register(
            delivery_checks.check_delivery_provider_deploy, checks.Tags.security, deploy=True
        )
