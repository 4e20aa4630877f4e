"""Vietnamese text folding: the one place tone marks and đ are removed."""

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_TOKEN_RE = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Remove Vietnamese tone marks and map đ/Đ to d/D, keeping case and spacing."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_tokens(text: str) -> list[str]:
    """Split text into folded lowercase ASCII alphanumeric tokens, as the search index stores."""
    return _TOKEN_RE.findall(fold(text).lower())


def search_text(text: str) -> str:
    """Return text as the space-joined tokens the search index stores."""
    return " ".join(search_tokens(text))
