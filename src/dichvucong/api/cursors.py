"""Opaque pagination cursors: a position, bound to the list and filters it came from, signed.

A client cannot forge a position or carry a cursor to another list or other filters: the
signature covers both, and a cursor that does not verify is a 400.
"""

import base64
import json
from typing import Any

from dichvucong.core.signing import same_digest, site_hmac_hex

NAMESPACE = "dichvucong.api.cursor"
MAX_CURSOR = 500


class BadCursor(ValueError):
    """The cursor was not issued by this site for this list and these filters."""


def _context(scope: str, filters: dict[str, Any]) -> str:
    return scope + "|" + json.dumps(filters, sort_keys=True, default=str)


def make_cursor(position: Any, *, scope: str, filters: dict[str, Any]) -> str:
    """Return the cursor that continues a list after `position`."""
    body = base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")
    signature = site_hmac_hex(NAMESPACE, f"{_context(scope, filters)}|{body}")[:32]
    return f"{body}.{signature}"


def read_cursor(cursor: str, *, scope: str, filters: dict[str, Any]) -> Any:
    """Return the position a cursor carries, or raise BadCursor."""
    if not cursor or len(cursor) > MAX_CURSOR or cursor.count(".") != 1:
        raise BadCursor(cursor)
    body, signature = cursor.split(".")
    expected = site_hmac_hex(NAMESPACE, f"{_context(scope, filters)}|{body}")[:32]
    if not same_digest(expected, signature):
        raise BadCursor(cursor)
    try:
        return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except ValueError as error:  # signed by us, so only a changed format gets here
        raise BadCursor(cursor) from error
