"""Read the raw body of a server-to-server callback (gateways, the post) without trusting it."""

import json
from typing import Any


class BadBody(ValueError):
    """The body is not UTF-8 text (or not the JSON it should be): answer 400."""


def body_text(body: bytes, *, strict: bool = True) -> str:
    """Return the body as text; raise BadBody on bytes that are not UTF-8 (or replace them)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not strict:
            return body.decode("utf-8", errors="replace")
        raise BadBody("body is not UTF-8") from exc


def body_json(body: bytes) -> Any:
    """Return the body parsed as JSON; raise BadBody when it is not UTF-8 JSON."""
    try:
        return json.loads(body_text(body) or "{}")
    except ValueError as exc:
        raise BadBody("body is not JSON") from exc
