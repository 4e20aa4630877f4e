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
        checks.register(interop_checks.check_national_portal)
        checks.register(interop_checks.check_national_portal_deploy, deploy=True)

        from django.db.models.signals import post_save

        from dichvucong.dossiers.models import DossierEvent

        post_save.connect(_write_outbox_entry, sender=DossierEvent, dispatch_uid="interop.outbox")


def _write_outbox_entry(sender, instance, created, raw=False, **kwargs) -> None:
    """Every new dossier event writes its outbox entry in the same transaction."""
    if created and not raw:
        from dichvucong.interop.sync.outbox import record_event

        record_event(instance)
