"""Signing helpers every part uses: HMAC hex digests, constant-time comparison, canonical
query strings. Each vendor module decides *what* it signs; this module only signs.

An empty key never signs and never verifies: a gateway enabled without its secret would
otherwise accept any message signed with "" by anyone.
"""

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote_plus

from django.utils.crypto import salted_hmac

ALGORITHMS = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}


class EmptyKeyError(ValueError):
    """A signature was asked for with an empty key (a provider enabled without its secret)."""


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def require_key(key: str | bytes | None) -> bytes:
    """Return the key as bytes, or raise EmptyKeyError when it is empty."""
    if not key:
        raise EmptyKeyError("refusing to sign or verify with an empty key")
    return _bytes(key)


def hmac_hex(key: str | bytes, message: str | bytes, algorithm: str = "sha256") -> str:
    """Return the lowercase hex HMAC of a message (str as UTF-8, or raw bytes)."""
    return hmac.new(require_key(key), _bytes(message), ALGORITHMS[algorithm]).hexdigest()


def hmac_matches(
    key: str | bytes | None, message: str | bytes, signature: str, algorithm: str = "sha256"
) -> bool:
    """Tell whether `signature` is the hex HMAC of the message; never true with an empty key."""
    if not key:
        return False
    return same_digest(hmac_hex(key, message, algorithm), signature)


def sha256_hex(message: str | bytes) -> str:
    """Return the hex SHA-256 of a message (no key: for keyed schemes use require_key first)."""
    return hashlib.sha256(_bytes(message)).hexdigest()


def site_hmac_hex(namespace: str, message: str) -> str:
    """Return an HMAC-SHA256 under a key derived from SECRET_KEY for this namespace."""
    return salted_hmac(namespace, message, algorithm="sha256").hexdigest()


def equal(a: str | bytes | None, b: str | bytes | None) -> bool:
    """Compare two secrets in constant time; an empty side never matches."""
    matched = hmac.compare_digest(_bytes(a or b""), _bytes(b or b""))
    return matched and bool(a) and bool(b)


def same_digest(a: str | None, b: str | None) -> bool:
    """Compare two hex digests in constant time, ignoring case; an empty side never matches."""
    return equal((a or "").lower(), (b or "").lower())


def form_encode(value: Any) -> str:
    """Encode a value as HTML forms do (quote_plus: space as +, every reserved byte %XX)."""
    return quote_plus(str(value), safe="")


def canonical_query(params: Mapping[str, Any]) -> str:
    """Return key=value pairs sorted by key and form-encoded, leaving out empty values."""
    return "&".join(
        f"{form_encode(k)}={form_encode(v)}"
        for k, v in sorted(params.items())
        if v not in (None, "")
    )
