from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "dichvucong.dossiers"
    label = "dossiers"
    verbose_name = _("Hồ sơ")

    def ready(self) -> None:
        # Registers the system check that both halves of the field-type registry agree.

        from dichvucong.core.memory import return_freed_memory
        from dichvucong.dossiers import checks as dossier_checks
        from dichvucong.dossiers import tasks  # noqa: F401 - declares its message template
        from dichvucong.dossiers.forms import registry  # noqa: F401
        from dichvucong.dossiers.store.checks import check_national_store

        checks.register(check_national_store)

        checks.register(dossier_checks.check_population_provider, checks.Tags.security)
        checks.register(
            dossier_checks.check_population_provider_deploy, checks.Tags.security, deploy=True
        )
        # Photos are decoded here: their buffers must go back to the system once freed.
        return_freed_memory()
