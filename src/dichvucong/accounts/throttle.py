"""Login throttling: every attempt is counted *before* its password is looked at.

Three counters (`core.ratelimit.hit`: count and tell in one atomic step), all keyed by the
account whichever identifier was typed (ID number, phone in any form, username; an identifier
with no account is counted under its normalised form, so it behaves the same):

- per account and address, `ACCOUNT_IP_FAILURES` in `LOCK_SECONDS`: that address is locked
  out of that account (a stranger locks only himself out);
- per address across accounts, `IP_FAILURES`: the address is locked out;
- per account from every address, `ACCOUNT_FAILURES`: every further login to the account
  must first solve the captcha — a CAPTCHA step instead of a hard lock, so the owner can
  always log in, however many strangers try.

Each window restarts at every attempt. A success takes its attempt back and forgets that
address's failures for the account. With these limits, 40 wrong passwords sent together from
one address are evaluated at most `ACCOUNT_IP_FAILURES` times, from many addresses at most
`ACCOUNT_FAILURES` times before the captcha. See docs/SECURITY.md.
"""

from contextlib import suppress
from dataclasses import dataclass

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError

from dichvucong.accounts.selectors import user_by_identifier
from dichvucong.core.ratelimit import forget, forget_prefix, hit, release
from dichvucong.core.text import fold
from dichvucong.core.vn.phones import normalise_mobile

ACCOUNT_IP_FAILURES = 5
ACCOUNT_FAILURES = 10
IP_FAILURES = 20
LOCK_SECONDS = 15 * 60

ALLOWED, LOCKED, CAPTCHA = "allowed", "locked", "captcha"


@dataclass(frozen=True)
class Attempt:
    """One counted login attempt: whether its password may be checked, and its counters."""

    verdict: str
    account_ip_key: str
    account_key: str
    ip_key: str | None


def account_subject(identifier: str) -> str:
    """Return the name the account's counters go by, the same for each of its identifiers."""
    user = user_by_identifier(identifier)
    if user is not None:
        return f"user:{user.pk}"
    value = fold(identifier).lower().replace(" ", "")
    with suppress(ValidationError):
        value = normalise_mobile(value)  # 0912…, +84912… and 84912… are one identifier
    return f"id:{value}"


def begin_attempt(*, identifier: str, ip: str | None, captcha_solved: bool = False) -> Attempt:
    """Count the attempt on every counter, then say whether its password may be checked."""
    subject = account_subject(identifier)
    attempt = Attempt(
        verdict=ALLOWED,
        account_ip_key=f"login:acct-ip:{subject}:{ip or 'unknown'}",
        account_key=f"login:acct:{subject}",
        ip_key=f"login:ip:{ip}" if ip else None,
    )
    per_address = hit(attempt.account_ip_key, seconds=LOCK_SECONDS, extend=True)
    address = hit(attempt.ip_key, seconds=LOCK_SECONDS, extend=True) if attempt.ip_key else 0
    account = hit(attempt.account_key, seconds=LOCK_SECONDS, extend=True)
    if per_address > ACCOUNT_IP_FAILURES or address > IP_FAILURES:
        verdict = LOCKED
    elif account > ACCOUNT_FAILURES and not captcha_solved:
        verdict = CAPTCHA
    else:
        verdict = ALLOWED
    return Attempt(verdict, attempt.account_ip_key, attempt.account_key, attempt.ip_key)


def attempt_succeeded(attempt: Attempt) -> None:
    """Take back a successful attempt and forget this address's failures for the account."""
    forget(attempt.account_ip_key)
    release(attempt.account_key, *([attempt.ip_key] if attempt.ip_key else []))


def authenticate_throttled(
    request, *, identifier: str, password: str, ip: str | None, captcha_solved: bool = False
):
    """Return (user or None, verdict): the password is checked only when the counted attempt
    is within the limits; a right password answers ALLOWED with the user."""
    attempt = begin_attempt(identifier=identifier, ip=ip, captcha_solved=captcha_solved)
    if attempt.verdict != ALLOWED:
        return None, attempt.verdict
    user = authenticate(request, identifier=identifier, password=password)
    if user is not None:
        attempt_succeeded(attempt)
    return user, ALLOWED


def clear_user_failures(user) -> None:
    """Forget the account's failures from every address (after a password reset by OTP)."""
    subject = f"user:{user.pk}"
    forget(f"login:acct:{subject}")
    forget_prefix(f"login:acct-ip:{subject}:")


RESET_CONFIRM_LIMIT = 10  # OTP pages of password resets posted per address in LOCK_SECONDS
EXISTENCE_CHECK_LIMIT = 10  # registration forms (with a right captcha) per address per hour


def reset_confirm_allowed(ip: str | None) -> bool:
    """Count one post of the reset page for the address; tell whether it may be checked."""
    return hit(f"reset-confirm:ip:{ip or 'unknown'}", seconds=LOCK_SECONDS) <= RESET_CONFIRM_LIMIT


def existence_check_allowed(ip: str | None) -> bool:
    """Count one "does an account with this ID number or phone exist?" answer for the address
    (registration, after a right captcha); tell whether it may be given."""
    return hit(f"existence-check:ip:{ip or 'unknown'}", seconds=3600) <= EXISTENCE_CHECK_LIMIT
