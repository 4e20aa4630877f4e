from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "dichvucong.tracking"
    verbose_name = _("Theo dõi hồ sơ")

    def ready(self) -> None:
        from dichvucong.processing.signals import dossier_event_committed
        from dichvucong.tracking import signals  # noqa: F401
        from dichvucong.tracking.notify import on_dossier_event

        # The applicant's in-app notice for every public status event, after its commit.
        dossier_event_committed.connect(on_dossier_event, dispatch_uid="tracking.in_app_notice")
