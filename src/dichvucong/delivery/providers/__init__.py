"""Postal delivery providers behind a registry; each Shipment stores its provider's id."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from dichvucong.core.providers import load_provider, settings_problems


class DeliveryProviderError(Exception):
    """The postal service could not be reached or refused the order (safe to retry)."""


class InvalidCallback(Exception):
    """A status callback failed its signature check or is malformed."""


@dataclass(frozen=True)
class Booking:
    tracking_number: str
    fee: int | None = None


@dataclass(frozen=True)
class StatusUpdate:
    """A verified status report from the post about one shipment."""

    reference: str
    tracking_number: str
    status: str
    note: str = ""
    originals_collected: bool = False
    raw: dict[str, Any] = field(default_factory=dict)


class DeliveryProvider:
    """Base class: book a shipment, verify the post's status callbacks."""

    id: str = ""
    # Settings that must be set before the provider may be enabled (see core.providers).
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()

    def book(self, *, shipment: Any, callback_url: str) -> Booking:
        raise NotImplementedError

    def parse_callback(self, *, body: bytes, headers: Any) -> StatusUpdate:
        raise NotImplementedError


DELIVERY_PROVIDER_CLASSES = {
    "demo": "dichvucong.delivery.providers.demo.DemoDeliveryProvider",
    "vnpost": "dichvucong.delivery.providers.vnpost.VnpostProvider",
}


def get_delivery_provider(provider_id: str | None = None) -> DeliveryProvider:
    """Return the configured (or the named) delivery provider."""
    provider_id = provider_id or settings.DELIVERY_PROVIDER
    return load_provider(DELIVERY_PROVIDER_CLASSES, provider_id, kind="delivery")


def delivery_provider_enabled(provider_id: str) -> bool:
    """Return whether the post's callbacks for this provider are taken: it is the configured
    DELIVERY_PROVIDER and its settings are complete (its callback URL answers 404 otherwise)."""
    if provider_id not in DELIVERY_PROVIDER_CLASSES or provider_id != settings.DELIVERY_PROVIDER:
        return False
    return not settings_problems(get_delivery_provider(provider_id))
