"""Signature helpers shared by the vendor modules (each vendor decides what it signs)."""

import hashlib
import hmac
from urllib.parse import quote_plus


def hmac_hex(secret: str, message: str, algorithm: str) -> str:
    """Return the lowercase hex HMAC of a UTF-8 message."""
    return hmac.new(secret.encode(), message.encode(), getattr(hashlib, algorithm)).hexdigest()


def sha256_hex(message: str) -> str:
    return hashlib.sha256(message.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    """Compare two hex digests in constant time, ignoring case."""
    return hmac.compare_digest((a or "").lower().encode(), (b or "").lower().encode())


def form_encode(value: str) -> str:
    """Encode a value as VNPay's reference code does (quote_plus: space as +, reserved %XX)."""
    return quote_plus(str(value), safe="")
