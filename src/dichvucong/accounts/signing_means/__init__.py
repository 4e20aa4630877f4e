"""The citizen's signing means behind a registry (SIGNATURE_PROVIDERS; docs/IDENTITY.md).

Two shapes:
- a *browser* provider (`plugin`): the page's script asks a signing plug-in on the citizen's
  computer for the certificate and a signature over the challenge, then posts both to the
  portal (`accounts:signature_verify`); the server holds no secret;
- a *server* provider (`remote`, `demo`): the portal sends a sign request for the person's ID
  number, the person confirms on their phone, and the portal polls for the certificate and
  signature.

Either way the answer is checked by `accounts.signature.verify_response` against the session's
one-time challenge and the trust list, and must name the account's ID number.
"""

from dataclasses import dataclass

from django.conf import settings

from dichvucong.core.providers import load_provider, settings_problems

SIGNATURE_PROVIDER_CLASSES = {
    "plugin": "dichvucong.accounts.signing_means.plugin.PluginProvider",
    "remote": "dichvucong.accounts.signing_means.remote.RemoteProvider",
    "demo": "dichvucong.accounts.signing_means.demo.DemoProvider",
}


class RemoteSigningError(Exception):
    """The signing service could not be asked or answered nonsense; the message is for the user."""


class State:
    PENDING = "pending"
    SIGNED = "signed"
    REFUSED = "refused"
    EXPIRED = "expired"


@dataclass(frozen=True)
class SignRequest:
    """A sign request the service accepted: its id and how long the person has to confirm."""

    transaction_id: str
    expires_in: int
    confirm_url: str = ""  # the demo's built-in "phone" page; empty for a real service


@dataclass(frozen=True)
class SignStatus:
    """Where a sign request stands; once signed, the certificate chain (PEM) and signature."""

    state: str
    certificate: str = ""
    signature: bytes = b""


class SignatureProvider:
    """Base class of a signing means; `label` and `help` are what the citizen reads."""

    id = ""
    label = ""
    help = ""
    browser = False  # True: the page's script does the signing (no server calls)
    demo_only = False  # True: certifies anyone, so it works only with DEMO_MODE=1
    methods: frozenset[str] = frozenset()
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()

    def start(
        self, *, id_number: str, full_name: str, data: bytes, description: str
    ) -> SignRequest:
        """Ask the person (by ID number) to sign `data`; raise RemoteSigningError if refused."""
        raise NotImplementedError

    def status(self, *, transaction_id: str) -> SignStatus:
        """Return where the sign request stands; raise RemoteSigningError when unreachable."""
        raise NotImplementedError


def get_signature_provider(provider_id: str) -> SignatureProvider:
    """Return the registered provider `provider_id` (ValueError when unknown)."""
    return load_provider(SIGNATURE_PROVIDER_CLASSES, provider_id, kind="signature")


def enabled_providers(method: str | None = None) -> list[SignatureProvider]:
    """Return the enabled, fully configured providers (for one verification method)."""
    providers = []
    for provider_id in settings.SIGNATURE_PROVIDERS:
        if provider_id not in SIGNATURE_PROVIDER_CLASSES:
            continue
        provider = get_signature_provider(provider_id)
        if settings_problems(provider) or (provider.demo_only and not settings.DEMO_MODE):
            continue
        if method is None or method in provider.methods:
            providers.append(provider)
    return providers


def enabled_provider(provider_id: str, method: str | None = None) -> SignatureProvider | None:
    """Return the provider when it is enabled (for the method), else None."""
    return next((p for p in enabled_providers(method) if p.id == provider_id), None)
