from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "dichvucong.interop"
    label = "interop"
    verbose_name = _("Liên thông quốc gia")

    def ready(self) -> None:
        from dichvucong.interop import checks as interop_checks

        checks.register(interop_checks.check_sso_providers, checks.Tags.security)
        checks.register(
            interop_checks.check_sso_providers_deploy, checks.Tags.security, deploy=True
        )
