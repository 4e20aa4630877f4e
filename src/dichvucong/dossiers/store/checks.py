"""System check: the national store provider named in NATIONAL_STORE_PROVIDER must exist."""

from django.conf import settings

from dichvucong.core.providers import provider_checks


def check_national_store(app_configs=None, **kwargs):
    """Refuse an unknown or half-configured national store provider."""
    from dichvucong.dossiers.store.national import NATIONAL_STORE_CLASSES

    provider_id = settings.NATIONAL_STORE_PROVIDER
    return provider_checks(
        provider_ids=[provider_id] if provider_id else [],
        registry=NATIONAL_STORE_CLASSES,
        kind="national store",
        switch="NATIONAL_STORE_PROVIDER",
        check_id="store",
    )
