"""System checks (at start and in `check --deploy`): no postal provider half-configured."""

from django.conf import settings

from dichvucong.core.providers import provider_checks


def check_delivery_provider(app_configs=None, *, deploy: bool = False, **kwargs):
    """Refuse a DELIVERY_PROVIDER that is unknown or lacks its settings."""
    from dichvucong.delivery.providers import DELIVERY_PROVIDER_CLASSES

    return provider_checks(
        provider_ids=[settings.DELIVERY_PROVIDER],
        registry=DELIVERY_PROVIDER_CLASSES,
        kind="postal delivery",
        switch="DELIVERY_PROVIDER",
        check_id="delivery",
        deploy=deploy,
    )


def check_delivery_provider_deploy(app_configs=None, **kwargs):
    return check_delivery_provider(app_configs, deploy=True)
