from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dichvucong.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from dichvucong.accounts import checks as accounts_checks
        from dichvucong.accounts import otp  # noqa: F401 - declares its message templates

        checks.register(accounts_checks.check_signature_providers, checks.Tags.security)
        checks.register(
            accounts_checks.check_signature_providers_deploy, checks.Tags.security, deploy=True
        )
