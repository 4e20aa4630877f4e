from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessingConfig(AppConfig):
    name = "dichvucong.processing"
    label = "processing"
    verbose_name = _("Xử lý hồ sơ")

    def ready(self) -> None:
        from dichvucong.dossiers.store.intake import on_dossier_event
        from dichvucong.processing import notify  # noqa: F401 - declares its message templates
        from dichvucong.processing.signals import dossier_event_committed

        # Accepted papers and issued results go into the citizen's store after each commit.
        dossier_event_committed.connect(on_dossier_event, dispatch_uid="dossiers.store.intake")
