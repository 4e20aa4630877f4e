"""System checks (at start and in `check --deploy`): no gateway enabled half-configured."""

from django.conf import settings

from dichvucong.core.providers import provider_checks


def check_payment_providers(app_configs=None, *, deploy: bool = False, **kwargs):
    """Refuse every provider in PAYMENT_PROVIDERS that is unknown or lacks its settings."""
    from dichvucong.payments.providers import PAYMENT_PROVIDER_CLASSES

    return provider_checks(
        provider_ids=list(settings.PAYMENT_PROVIDERS),
        registry=PAYMENT_PROVIDER_CLASSES,
        kind="payment",
        switch="PAYMENT_PROVIDERS",
        check_id="payments",
        deploy=deploy,
    )


def check_payment_providers_deploy(app_configs=None, **kwargs):
    return check_payment_providers(app_configs, deploy=True)
