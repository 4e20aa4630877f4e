"""System checks: an enabled signing means has its settings (else refuse to start)."""

from django.conf import settings
from django.core import checks

from dichvucong.core.providers import provider_checks


def check_signature_providers(app_configs=None, **kwargs):
    """Refuse an unknown SIGNATURE_PROVIDERS entry or one without its URL, client id or secret."""
    from dichvucong.accounts.signing_means import SIGNATURE_PROVIDER_CLASSES

    messages = provider_checks(
        provider_ids=list(settings.SIGNATURE_PROVIDERS),
        registry=SIGNATURE_PROVIDER_CLASSES,
        kind="signature",
        switch="SIGNATURE_PROVIDERS",
        check_id="accounts",
    )
    if "demo" in settings.SIGNATURE_PROVIDERS and not settings.DEMO_MODE:
        messages.append(
            checks.Error(
                "SIGNATURE_PROVIDERS has 'demo' while DEMO_MODE=0: the demo CA certifies any ID "
                "number, so anyone could verify an account at level high.",
                hint="Remove 'demo' from SIGNATURE_PROVIDERS (or set DEMO_MODE=1 for a demo).",
                id="accounts.E003",
            )
        )
    elif "demo" in settings.SIGNATURE_PROVIDERS:
        from dichvucong.esign.trust import demo_trusted

        if not demo_trusted():
            messages.append(
                checks.Warning(
                    "The demo signature provider is enabled but the demo CA is not trusted: "
                    "its signatures will be refused.",
                    hint="Set ESIGN_SIGNER=demo or ESIGN_TRUST_DEMO_CA=1, or remove 'demo' "
                    "from SIGNATURE_PROVIDERS.",
                    id="accounts.W002",
                )
            )
    return messages


def check_signature_providers_deploy(app_configs=None, **kwargs):
    """`check --deploy`: warn about a signing service URL that is not https."""
    from dichvucong.accounts.signing_means import SIGNATURE_PROVIDER_CLASSES

    ids = [p for p in settings.SIGNATURE_PROVIDERS if p != "plugin"]  # the plug-in is loopback
    return provider_checks(
        provider_ids=ids,
        registry=SIGNATURE_PROVIDER_CLASSES,
        kind="signature",
        switch="SIGNATURE_PROVIDERS",
        check_id="accounts",
        deploy=True,
    )
