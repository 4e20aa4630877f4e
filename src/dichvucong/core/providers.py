"""The one lookup behind every provider registry (SMS, identity, payment, postal delivery), and
the one test of whether a provider's settings are complete (system checks and runtime)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string


def load_provider(registry: dict[str, str], provider_id: str, *, kind: str) -> Any:
    """Instantiate the provider registered under `provider_id` (a dotted class path)."""
    try:
        dotted = registry[provider_id]
    except KeyError as exc:
        raise ValueError(f"Unknown {kind} provider {provider_id!r}") from exc
    return import_string(dotted)()


def settings_problems(provider: Any) -> list[str]:
    """Return what the provider's settings lack: `required_settings` that are empty and
    `url_settings` that are not absolute http(s) URLs ([] when it is fully configured)."""
    problems = []
    for name in getattr(provider, "required_settings", ()):
        if not str(getattr(settings, name, "") or "").strip():
            problems.append(f"{name} is empty")
    for name in getattr(provider, "url_settings", ()):
        value = str(getattr(settings, name, "") or "").strip()
        parts = urlsplit(value)
        if not value:
            problems.append(f"{name} is empty")
        elif parts.scheme not in ("http", "https") or not parts.netloc:
            problems.append(f"{name} is not an http(s) URL")
    return problems


def provider_checks(
    *,
    provider_ids: list[str],
    registry: dict[str, str],
    kind: str,
    switch: str,
    check_id: str,
    deploy: bool = False,
) -> list[checks.CheckMessage]:
    """System-check the enabled providers of one registry.

    Regular run: an Error for an unknown id and for a provider whose settings are incomplete
    (so `runportal`, `migrate` and `check` refuse to start). `deploy=True` (registered for
    `manage.py check --deploy`): a Warning for each URL of a configured provider that is not
    https.
    """
    messages: list[checks.CheckMessage] = []
    for provider_id in provider_ids:
        if provider_id not in registry:
            if not deploy:
                messages.append(
                    checks.Error(
                        f"{switch} names an unknown {kind} provider {provider_id!r}.",
                        id=f"{check_id}.E002",
                    )
                )
            continue
        provider = load_provider(registry, provider_id, kind=kind)
        problems = settings_problems(provider)
        if problems and not deploy:
            messages.append(
                checks.Error(
                    f"The {kind} provider {provider_id!r} is enabled ({switch}) but "
                    + "; ".join(problems)
                    + ".",
                    hint="Set the provider's settings (docs/CONFIGURATION.md) or disable it.",
                    id=f"{check_id}.E001",
                )
            )
        elif deploy and not problems:
            messages += [
                checks.Warning(
                    f"{name} of the {kind} provider {provider_id!r} is not an https URL.",
                    id=f"{check_id}.W001",
                )
                for name in getattr(provider, "url_settings", ())
                if not str(getattr(settings, name, "")).startswith("https://")
            ]
    return messages
