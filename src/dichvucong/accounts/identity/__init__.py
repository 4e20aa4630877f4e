"""Identity providers (social-insurance registry) behind a registry; `demo` needs no service."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from dichvucong.core.providers import load_provider


class IdentityProviderError(Exception):
    """The registry could not be asked (outage, bad answer); the user may try later."""


@dataclass(frozen=True)
class IdentityCheck:
    """The registry's answer: does the code belong to this person?"""

    matched: bool
    reason: str = ""


class IdentityProvider:
    """Base class: check a social-insurance code against a person's identity."""

    id: str = ""

    def check_social_insurance(
        self, *, code: str, id_number: str, full_name: str, date_of_birth: date
    ) -> IdentityCheck:
        raise NotImplementedError


IDENTITY_PROVIDERS = {
    "demo": "dichvucong.accounts.identity.demo.DemoIdentityProvider",
}


def get_identity_provider(provider_id: str | None = None) -> IdentityProvider:
    """Return the configured (or the named) identity provider."""
    provider_id = provider_id or settings.IDENTITY_PROVIDER
    return load_provider(IDENTITY_PROVIDERS, provider_id, kind="identity")
