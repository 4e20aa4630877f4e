"""VNPost (Bưu điện Việt Nam) as an HTTP JSON provider.

Create order: POST {VNPOST_ENDPOINT}/api/orders with "Authorization: Bearer <token>" and a JSON
order; the answer carries the tracking number. Status callbacks: POST JSON to our callback URL
with header X-Signature = hex HMAC-SHA256(shared secret, raw body). See docs/PAYMENTS.md.
"""

import json
from typing import Any

import httpx
from django.conf import settings

from dichvucong.core.bodies import body_text
from dichvucong.delivery.providers import (
    Booking,
    DeliveryProvider,
    DeliveryProviderError,
    InvalidCallback,
    StatusUpdate,
)
from dichvucong.payments.providers.signing import hmac_hex, same

STATUS_MAP = {
    "picked_up": "picked_up",
    "in_transit": "in_transit",
    "delivered": "delivered",
    "failed": "failed",
    "returned": "returned",
}
SIGNATURE_HEADER = "X-Signature"


def sign_body(body: bytes, secret: str) -> str:
    return hmac_hex(secret, body_text(body, strict=False), "sha256")


class VnpostProvider(DeliveryProvider):
    id = "vnpost"

    def book(self, *, shipment: Any, callback_url: str) -> Booking:
        address = shipment.address
        order = {
            "order_code": shipment.reference,
            "receiver": {
                "name": address.get("recipient_name", ""),
                "phone": address.get("phone", ""),
                "address": address.get("line", ""),
                "commune_code": address.get("commune_code", ""),
                "province_code": address.get("province_code", ""),
            },
            "content": f"Kết quả giải quyết thủ tục hành chính (hồ sơ {shipment.dossier.code})",
            "collect_documents": shipment.collect_originals,
            "callback_url": callback_url,
        }
        try:
            response = httpx.post(
                settings.VNPOST_ENDPOINT.rstrip("/") + "/api/orders",
                json=order,
                headers={"Authorization": f"Bearer {settings.VNPOST_TOKEN}"},
                timeout=float(settings.PAYMENT_HTTP_TIMEOUT_SECONDS),
            )
            answer = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise DeliveryProviderError(f"VNPost: {exc}") from exc
        if response.status_code >= 300 or not answer.get("tracking_number"):
            raise DeliveryProviderError(f"VNPost refused: {response.status_code} {answer}")
        return Booking(tracking_number=str(answer["tracking_number"]), fee=answer.get("fee"))

    def parse_callback(self, *, body: bytes, headers: Any) -> StatusUpdate:
        if not same(
            sign_body(body, settings.VNPOST_CALLBACK_SECRET), headers.get(SIGNATURE_HEADER, "")
        ):
            raise InvalidCallback("bad signature")
        try:
            data = json.loads(body)
            status = STATUS_MAP[data["status"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidCallback("malformed callback") from exc
        return StatusUpdate(
            reference=str(data.get("order_code", "")),
            tracking_number=str(data.get("tracking_number", "")),
            status=status,
            note=str(data.get("note", ""))[:300],
            originals_collected=bool(data.get("documents_collected")),
            raw=data,
        )
