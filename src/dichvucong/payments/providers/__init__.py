"""Payment providers behind a registry; each Payment stores its provider's id string."""

import enum
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpResponse

from dichvucong.core.providers import load_provider, settings_problems


class PaymentGatewayError(Exception):
    """The gateway could not be reached or refused the request (the payment stays pending)."""


class InvalidSignature(Exception):
    """A message claiming to come from the gateway failed its signature check."""


class IpnResult(enum.Enum):
    """What the portal made of a gateway notification; each provider maps it to its codes."""

    CONFIRMED = "confirmed"
    NOT_FOUND = "not_found"
    ALREADY_CONFIRMED = "already_confirmed"
    INVALID_AMOUNT = "invalid_amount"
    INVALID_SIGNATURE = "invalid_signature"
    ERROR = "error"


@dataclass(frozen=True)
class GatewayNotice:
    """A verified statement from the gateway about one order."""

    order_ref: str
    amount: int
    success: bool
    txn_no: str = ""
    message: str = ""
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryResult:
    """The gateway's answer to a status query: paid, failed, pending or not_found."""

    state: str
    notice: GatewayNotice | None = None


class PaymentProvider:
    """Base class: start a payment, verify its notifications, query its status."""

    id: str = ""
    label: str = ""
    # Settings that must be set before the provider may be enabled (system checks refuse
    # otherwise, and provider_enabled() answers False): merchant id, secret, URLs.
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()
    # Decision 766's DuocThanhToanTrucTuyen for a fee paid here: 1 on the national platform,
    # 2 through the province's own gateway.
    national_channel: int = 2

    def start(self, *, payment: Any, return_url: str, ipn_url: str, client_ip: str) -> str:
        """Register the order with the gateway and return the URL to send the citizen to."""
        raise NotImplementedError

    def parse_ipn(self, request: Any) -> GatewayNotice:
        """Verify a server-to-server notification; raise InvalidSignature if it is forged."""
        raise NotImplementedError

    def ipn_response(self, result: IpnResult) -> HttpResponse:
        """Answer the gateway in its own protocol."""
        raise NotImplementedError

    def return_ref(self, params: Any) -> str | None:
        """Return the order ref carried by the citizen's redirect back, if it is ours."""
        return None

    def query(self, *, payment: Any) -> QueryResult:
        """Ask the gateway about the payment (for reconciliation)."""
        raise NotImplementedError

    def receipt_pdf(self, *, payment: Any) -> bytes | None:
        """The receipt the gateway itself issued for a paid payment (None: the portal issues
        its own); raise PaymentGatewayError when the gateway cannot be asked."""
        return None


PAYMENT_PROVIDER_CLASSES = {
    "demo": "dichvucong.payments.providers.demo.DemoPaymentProvider",
    "vnpay": "dichvucong.payments.providers.vnpay.VnpayProvider",
    "momo": "dichvucong.payments.providers.momo.MomoProvider",
    "dvcqg": "dichvucong.payments.providers.dvcqg.DvcqgPaymentProvider",
}


def get_payment_provider(provider_id: str) -> PaymentProvider:
    """Return the provider with this id (enabled or not: old payments keep their provider)."""
    return load_provider(PAYMENT_PROVIDER_CLASSES, provider_id, kind="payment")


def provider_label(provider_id: str) -> str:
    """Return the name citizens and officers know a provider by ("" for none or an unknown id)."""
    if provider_id not in PAYMENT_PROVIDER_CLASSES:
        return ""
    return str(get_payment_provider(provider_id).label)


def provider_enabled(provider_id: str) -> bool:
    """Return whether citizens may pay with this provider: listed in PAYMENT_PROVIDERS and
    fully configured (the demo one only in demo/debug). Its IPN and return URLs answer 404
    otherwise."""
    if provider_id not in PAYMENT_PROVIDER_CLASSES or provider_id not in settings.PAYMENT_PROVIDERS:
        return False
    if provider_id == "demo" and not (settings.DEMO_MODE or settings.DEBUG):
        return False
    return not settings_problems(get_payment_provider(provider_id))


def enabled_payment_providers() -> list[PaymentProvider]:
    """Return the providers offered to citizens (setting PAYMENT_PROVIDERS)."""
    return [
        get_payment_provider(pid) for pid in settings.PAYMENT_PROVIDERS if provider_enabled(pid)
    ]


def http_timeout() -> float:
    return float(settings.PAYMENT_HTTP_TIMEOUT_SECONDS)
