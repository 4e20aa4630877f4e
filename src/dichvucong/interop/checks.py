"""System checks: no national sign-in provider enabled half-configured, no demo sign-in in
production."""

from django.conf import settings
from django.core import checks

from dichvucong.core.providers import provider_checks


def check_sso_providers(app_configs=None, *, deploy: bool = False, **kwargs):
    """Refuse every provider in OIDC_PROVIDERS that is unknown or lacks its settings (client
    id, secret, issuer), and the demo provider without DEMO_MODE."""
    from dichvucong.interop.sso import SSO_PROVIDER_CLASSES

    messages = provider_checks(
        provider_ids=list(settings.OIDC_PROVIDERS),
        registry=SSO_PROVIDER_CLASSES,
        kind="sign-in",
        switch="OIDC_PROVIDERS",
        check_id="interop",
        deploy=deploy,
    )
    if not deploy and "demo" in settings.OIDC_PROVIDERS and not settings.DEMO_MODE:
        messages.append(
            checks.Error(
                "OIDC_PROVIDERS names the demo sign-in provider while DEMO_MODE=0.",
                hint="Remove “demo” from OIDC_PROVIDERS (docs/IDENTITY.md).",
                id="interop.E003",
            )
        )
    return messages


def check_sso_providers_deploy(app_configs=None, **kwargs):
    return check_sso_providers(app_configs, deploy=True)


def check_national_portal(app_configs=None, *, deploy: bool = False, **kwargs):
    """Refuse an unknown or half-configured NATIONAL_PORTAL_PROVIDER (the `dvcqg` one needs
    its province id, token and URLs)."""
    from dichvucong.interop.national import NATIONAL_PORTAL_CLASSES

    return provider_checks(
        provider_ids=[settings.NATIONAL_PORTAL_PROVIDER],
        registry=NATIONAL_PORTAL_CLASSES,
        kind="national portal",
        switch="NATIONAL_PORTAL_PROVIDER",
        check_id="interop_sync",
        deploy=deploy,
    )


def check_national_portal_deploy(app_configs=None, **kwargs):
    return check_national_portal(app_configs, deploy=True)
