"""Public dossier lookup: code and factor checks, rate limits per IP and per dossier code,
signed QR tokens."""

import re

from django.conf import settings

from dichvucong.core.ratelimit import hit, release
from dichvucong.core.signing import equal
from dichvucong.dossiers.lookup_link import (  # noqa: F401 (tracking's public API too)
    lookup_token,
    lookup_url_for,
    qr_png,
)
from dichvucong.dossiers.models import Dossier, DossierStatus

MAX_INPUT = 60
CODE_RE = re.compile(r"^[0-9A-Z.]{3,30}-\d{6}-\d{4,6}$")
FACTOR_RE = re.compile(r"^\d{4}$")


def normalise_code(raw: str | None) -> str | None:
    """Return the dossier code in canonical form, or None if it cannot be a code."""
    if not raw or len(raw) > MAX_INPUT:
        return None
    code = re.sub(r"\s+", "", raw).upper()
    return code if CODE_RE.match(code) else None


def normalise_factor(raw: str | None) -> str | None:
    """Return the four digits typed as the second factor, or None."""
    if not raw or len(raw) > MAX_INPUT:
        return None
    digits = re.sub(r"[\s.\-]", "", raw)
    return digits if FACTOR_RE.match(digits) else None


def _last4(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    return digits[-4:] if len(digits) >= 4 else ""


def factor_matches(dossier: Dossier, factor: str) -> bool:
    """Tell whether the factor is the last four digits of the applicant's phone or ID number."""
    ok = False
    # Compare against both in constant time, so timing does not tell which one matched.
    for candidate in (_last4(dossier.applicant_phone), _last4(dossier.applicant_id_number)):
        ok |= equal(candidate, factor)
    return ok


def token_matches(code: str, token: str | None) -> bool:
    """Tell whether the token was signed by this site for this code."""
    if not token or len(token) > MAX_INPUT:
        return False
    return equal(lookup_token(code), token)


def rate_key(ip: str | None) -> str:
    """Return the key counting the IP's failed lookups."""
    return f"tracking:lookup-failures:{ip or 'unknown'}"


def code_rate_key(code: str) -> str:
    """Return the key counting failed lookups of one dossier code, from every address."""
    return f"tracking:lookup-code-failures:{code}"


def reserve_attempt(*, ip: str | None, code: str | None) -> bool:
    """Count this attempt for the IP and (a well-formed code) for the code *before* it is
    checked, and tell whether both are still within their limits: one step, so lookups
    arriving together cannot all see the count below the limit.

    The per-code limit stops the second factor (four digits) being guessed from many
    addresses; the owner still opens the dossier with the QR code's signed token or from
    "Hồ sơ của tôi".
    """
    within = hit(rate_key(ip), seconds=settings.LOOKUP_RATE_WINDOW) <= settings.LOOKUP_RATE_LIMIT
    if code is not None:
        count = hit(code_rate_key(code), seconds=settings.LOOKUP_CODE_RATE_WINDOW)
        within &= count <= settings.LOOKUP_CODE_RATE_LIMIT
    return within


def release_attempt(*, ip: str | None, code: str | None) -> None:
    """Take back a reserved attempt that succeeded: only failures count towards the limits."""
    release(rate_key(ip), *([code_rate_key(code)] if code is not None else []))


def page_key(code: str, language: str) -> str:
    """Return the cache key of the rendered public view of a dossier."""
    return f"tracking:lookup-page:{language}:{code}"


def forget_pages(code: str | None) -> None:
    """Drop the cached public views of a dossier after it changes."""
    from dichvucong.core import pagecache

    if code:
        pagecache.forget([page_key(code, lang) for lang, _name in settings.LANGUAGES])


def find_for_lookup(
    code: str | None, *, factor: str | None = None, token: str | None = None
) -> Dossier | None:
    """Return the submitted dossier when code and factor (or token) match, else None."""
    if code is None:
        return None
    dossier = (
        Dossier.objects.select_related("procedure", "agency")
        .exclude(status=DossierStatus.DRAFT)
        .filter(code=code)
        .first()
    )
    if dossier is None:
        # Do the same comparison work as for a real dossier, so timing says nothing.
        factor_matches(Dossier(applicant_phone="0000000000"), factor or "")
        return None
    if token_matches(code, token):
        return dossier
    if factor and factor_matches(dossier, factor):
        return dossier
    return None
