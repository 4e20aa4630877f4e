"""The one lookup behind every provider registry (SMS, identity, payment, postal delivery)."""

from typing import Any

from django.utils.module_loading import import_string


def load_provider(registry: dict[str, str], provider_id: str, *, kind: str) -> Any:
    """Instantiate the provider registered under `provider_id` (a dotted class path)."""
    try:
        dotted = registry[provider_id]
    except KeyError as exc:
        raise ValueError(f"Unknown {kind} provider {provider_id!r}") from exc
    return import_string(dotted)()
