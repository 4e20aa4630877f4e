"""SMS providers behind a registry; the model stores the provider's id string."""

from dataclasses import dataclass

from django.conf import settings

from dichvucong.core.providers import load_provider


class SmsSendError(Exception):
    """The gateway did not accept the message; `retryable` says whether to try again."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class SmsReceipt:
    """What a gateway answered for an accepted message."""

    provider_message_id: str


class SmsProvider:
    """Base class: send one text to one phone number (E.164, e.g. +84912345678)."""

    id: str = ""
    # Settings that must be set before the provider may be chosen (see core.providers).
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()

    def send(self, *, phone: str, text: str) -> SmsReceipt:
        raise NotImplementedError


SMS_PROVIDERS = {
    "demo": "dichvucong.notifications.providers.demo.DemoSmsProvider",
    "http": "dichvucong.notifications.providers.http.HttpSmsProvider",
}


def get_sms_provider(provider_id: str | None = None) -> SmsProvider:
    """Return the configured (or the named) SMS provider."""
    provider_id = provider_id or settings.SMS_PROVIDER
    return load_provider(SMS_PROVIDERS, provider_id, kind="SMS")
