"""Login throttling: temporary lockout after repeated failures, per account and per IP."""

from contextlib import suppress

from django.core.cache import cache
from django.core.exceptions import ValidationError

from dichvucong.core.ratelimit import count_hit
from dichvucong.core.text import fold
from dichvucong.core.vn.phones import normalise_mobile

ACCOUNT_FAILURES = 5
IP_FAILURES = 20
LOCK_SECONDS = 15 * 60


def _account_key(identifier: str) -> str:
    value = fold(identifier).lower().replace(" ", "")
    with suppress(ValidationError):
        value = normalise_mobile(value)  # 0912…, +84912… and 84912… are one account
    return f"login-fail:acct:{value}"


def _keys(identifier: str, ip: str | None) -> list[tuple[str, int]]:
    keys = [(_account_key(identifier), ACCOUNT_FAILURES)]
    if ip:
        keys.append((f"login-fail:ip:{ip}", IP_FAILURES))
    return keys


def is_locked(*, identifier: str, ip: str | None) -> bool:
    """Return True while the account or the address is locked out."""
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(identifier, ip))


def record_failure(*, identifier: str, ip: str | None) -> None:
    """Count one failed attempt; the lock lasts LOCK_SECONDS from the last failure."""
    for key, _limit in _keys(identifier, ip):
        count_hit(key, seconds=LOCK_SECONDS, extend=True)


def clear_failures(*, identifier: str) -> None:
    """Forget the account's failures after a successful login."""
    cache.delete(_keys(identifier, None)[0][0])


def clear_user_failures(user) -> None:
    """Forget failures under every identifier of the account (ID number, phone, username)."""
    identifiers = {user.id_number, user.phone, user.username} - {None, ""}
    cache.delete_many([_account_key(identifier) for identifier in identifiers])
