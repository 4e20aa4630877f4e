from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "dichvucong.payments"
    label = "payments"
    verbose_name = _("Thanh toán")

    def ready(self) -> None:
        from dichvucong.payments import checks as payments_checks

        checks.register(payments_checks.check_payment_providers, checks.Tags.security)
        checks.register(
            payments_checks.check_payment_providers_deploy, checks.Tags.security, deploy=True
        )
