"""Read the raw body of a server-to-server callback (gateways, the post) without trusting it."""


class BadBody(ValueError):
    """The body is not UTF-8 text: answer 400."""


def body_text(body: bytes, *, strict: bool = True) -> str:
    """Return the body as text; raise BadBody on bytes that are not UTF-8 (or replace them)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not strict:
            return body.decode("utf-8", errors="replace")
        raise BadBody("body is not UTF-8") from exc
