"""The demo postal provider: tracking numbers made up locally; status set from a demo page."""

import json
import secrets
from typing import Any

from django.conf import settings

from dichvucong.core.bodies import body_text
from dichvucong.delivery.providers import Booking, DeliveryProvider, InvalidCallback, StatusUpdate
from dichvucong.payments.providers.signing import hmac_hex, same


class DemoDeliveryProvider(DeliveryProvider):
    id = "demo"

    def book(self, *, shipment: Any, callback_url: str) -> Booking:
        return Booking(tracking_number=f"DM{secrets.randbelow(10**9):09d}VN")

    def parse_callback(self, *, body: bytes, headers: Any) -> StatusUpdate:
        # Signed with the site key so the demo endpoint cannot be driven from outside either.
        if not same(
            hmac_hex(settings.SECRET_KEY, body_text(body, strict=False), "sha256"),
            headers.get("X-Signature", ""),
        ):
            raise InvalidCallback("bad signature")
        try:
            data = json.loads(body)
            return StatusUpdate(
                reference=data["order_code"], tracking_number="", status=data["status"], raw=data
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidCallback("malformed") from exc
