"""Public dossier lookup: code and factor checks, per-IP rate limit, signed QR tokens."""

import re

from django.conf import settings

from dichvucong.core.ratelimit import count_hit
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
    """Return the cache key counting the IP's failed lookups."""
    return f"tracking:lookup-failures:{ip or 'unknown'}"


def is_blocked(failures: int | None) -> bool:
    """Tell whether this many failed lookups reach the configured limit."""
    return (failures or 0) >= getattr(settings, "LOOKUP_RATE_LIMIT", 20)


def count_failure(ip: str | None) -> None:
    """Count one failed lookup for the IP within the configured window."""
    count_hit(rate_key(ip), seconds=getattr(settings, "LOOKUP_RATE_WINDOW", 600))


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
