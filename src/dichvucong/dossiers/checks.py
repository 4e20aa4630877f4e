"""System checks: no population database provider enabled half-configured, no fictitious
population outside the demo."""

from django.conf import settings
from django.core import checks

from dichvucong.core.providers import provider_checks


def check_population_provider(app_configs=None, *, deploy: bool = False, **kwargs):
    """Refuse a POPULATION_PROVIDER that is unknown or lacks its URL, token or code."""
    from dichvucong.dossiers.population import POPULATION_PROVIDERS

    messages = provider_checks(
        provider_ids=[settings.POPULATION_PROVIDER] if settings.POPULATION_PROVIDER else [],
        registry=POPULATION_PROVIDERS,
        kind="population database",
        switch="POPULATION_PROVIDER",
        check_id="dossiers.population",
        deploy=deploy,
    )
    if not deploy and settings.POPULATION_PROVIDER == "demo" and not settings.DEMO_MODE:
        messages.append(
            checks.Error(
                "POPULATION_PROVIDER=demo (fictitious people) while DEMO_MODE=0.",
                hint="Set POPULATION_PROVIDER=http or leave it empty (docs/IDENTITY.md).",
                id="dossiers.population.E003",
            )
        )
    return messages


def check_population_provider_deploy(app_configs=None, **kwargs):
    return check_population_provider(app_configs, deploy=True)
