"""Make an SMS body fit one part: optionally drop tone marks, then shorten at a word."""

import re

from django.conf import settings

from dichvucong.core.text import fold

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[]~|€")  # each takes two septets
GSM7_LIMIT = 160
UCS2_LIMIT = 70
# A message of several parts carries a header in each, leaving this much text per part.
GSM7_CONCAT_PART = 153
UCS2_CONCAT_PART = 67
ELLIPSIS = "..."
_TYPOGRAPHY = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)
_SPACES = re.compile(r"\s+")


def is_gsm7(text: str) -> bool:
    """Tell whether every character can be sent in the GSM 7-bit alphabet."""
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text)


def sms_units(text: str) -> int:
    """Return the length the gateway counts: septets for GSM-7, characters for UCS-2."""
    if is_gsm7(text):
        return sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
    return len(text)


def sms_limit(text: str, parts: int = 1) -> int:
    """Return the room of `parts` SMS parts (concatenated when more than one) for this text."""
    if parts <= 1:
        return GSM7_LIMIT if is_gsm7(text) else UCS2_LIMIT
    return parts * (GSM7_CONCAT_PART if is_gsm7(text) else UCS2_CONCAT_PART)


def sms_text(text: str, *, fold_tone_marks: bool | None = None, parts: int = 1) -> str:
    """Return the text ready to send: tidy spaces, fold if configured, cut to `parts` parts."""
    if fold_tone_marks is None:
        fold_tone_marks = getattr(settings, "SMS_FOLD_TONE_MARKS", True)
    text = _SPACES.sub(" ", text.translate(_TYPOGRAPHY)).strip()
    if fold_tone_marks:
        text = fold(text)
    limit = sms_limit(text, parts)
    if sms_units(text) <= limit:
        return text
    return _shorten(text, limit)


def _shorten(text: str, limit: int) -> str:
    """Cut the text at a word boundary so that it plus an ellipsis fits the limit."""
    budget = limit - len(ELLIPSIS)
    cut = text[:budget]  # units are never fewer than characters
    while sms_units(cut) > budget:
        cut = cut[:-1]
    # Prefer ending on a whole word unless that throws away more than a third of the text.
    space = cut.rfind(" ")
    if space > budget * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + ELLIPSIS
