"""What every page may show of the national interoperability: the sign-in buttons, and which
dossiers DVCQG has not acknowledged yet ("chưa đồng bộ" on the officer's pages)."""

from dichvucong.interop.sso import enabled_sso_providers


def sign_in_providers(request):
    return {"sign_in_providers": [(p.id, p.label) for p in enabled_sso_providers()]}


class UnsyncedDossiers:
    """`dossier.pk in national_unsynced` in a template: one query on first use, for officers."""

    LOAD_ALL_UP_TO = 5000

    def __init__(self):
        self._ids: set[int] | None = None

    def __contains__(self, dossier_id) -> bool:
        from dichvucong.interop.models import OutboxEntry, OutboxState

        if self._ids is None:
            unsent = OutboxEntry.objects.exclude(state=OutboxState.SENT)
            ids = list(unsent.values_list("dossier_id", flat=True)[: self.LOAD_ALL_UP_TO + 1])
            if len(ids) > self.LOAD_ALL_UP_TO:  # an outage: ask per dossier instead
                return unsent.filter(dossier_id=dossier_id).exists()
            self._ids = set(ids)
        return dossier_id in self._ids


def national_sync(request):
    """Lazy: costs nothing on a page that does not ask (only the officer's pages do)."""
    return {"national_unsynced": UnsyncedDossiers()}
