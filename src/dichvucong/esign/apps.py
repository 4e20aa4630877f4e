from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class EsignConfig(AppConfig):
    name = "dichvucong.esign"
    label = "esign"
    verbose_name = _("Ký số")

    def ready(self) -> None:
        from dichvucong.esign import checks as esign_checks

        checks.register(esign_checks.check_signer, checks.Tags.security)
