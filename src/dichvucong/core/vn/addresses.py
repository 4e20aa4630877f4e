"""Today's two-tier administrative units (province → commune) from `vietnam-provinces`.

Codes are strings zero-padded as the package names its units: provinces "01"…"96", communes
"00004"…; `province_code()` / `commune_code()` bring any other spelling ("1", 1, " 70 ") to
that form. Every lookup accepts either spelling; what the portal stores is always padded.
"""

from collections.abc import Mapping
from functools import lru_cache

from vietnam_provinces import Province, Ward

from dichvucong.core.text import fold

PROVINCE_CODE_DIGITS = 2
COMMUNE_CODE_DIGITS = 5


def _pad(value, digits: int) -> str:
    text = str(value if value is not None else "").strip()
    if not text.isdigit() or not text.isascii() or len(text.lstrip("0")) > digits:
        return ""
    return text.lstrip("0").rjust(digits, "0")


def province_code(value) -> str:
    """Return a province code in the stored form ("1" → "01"), or '' when it is not a code."""
    return _pad(value, PROVINCE_CODE_DIGITS)


def commune_code(value) -> str:
    """Return a commune code in the stored form ("70" → "00070"), or '' when it is not a code."""
    return _pad(value, COMMUNE_CODE_DIGITS)


@lru_cache(maxsize=1)
def _provinces() -> dict[str, str]:
    items = ((province_code(int(p.code)), p.name) for p in Province.iter_all())
    return dict(sorted(items, key=lambda item: fold(item[1].removeprefix("Thành phố "))))


@lru_cache(maxsize=1)
def _communes() -> dict[str, dict[str, str]]:
    by_province: dict[str, dict[str, str]] = {code: {} for code in _provinces()}
    for ward in sorted(Ward.iter_all(), key=lambda w: fold(w.name)):
        by_province[province_code(int(ward.province_code))][commune_code(int(ward.code))] = (
            ward.name
        )
    return by_province


def provinces() -> list[tuple[str, str]]:
    """Return (code, name) of every province and centrally-run city, sorted by name."""
    return list(_provinces().items())


def communes(province: str) -> list[tuple[str, str]]:
    """Return (code, name) of a province's communes, wards and special zones ([] if unknown)."""
    return list(_communes().get(province_code(province), {}).items())


def province_name(code) -> str:
    """Return a province's name, or '' when the code is unknown."""
    return _provinces().get(province_code(code), "")


def commune_name(code) -> str:
    """Return a commune's name, or '' when the code is unknown."""
    code = commune_code(code)
    if not code:
        return ""
    try:
        return Ward.from_code(int(code)).name
    except ValueError:
        return ""


def commune_in_province(commune: str, province: str) -> bool:
    """Return True when the commune belongs to the province."""
    return commune_code(commune) in _communes().get(province_code(province), {})


def format_address(*, line: str = "", commune: str = "", province: str = "") -> str:
    """Return an address as one line: "line, commune, province" (unknown parts left out)."""
    parts = [(line or "").strip(), commune_name(commune), province_name(province)]
    return ", ".join(part for part in parts if part)


def padded_address(
    address: Mapping, *, province_key: str, commune_key: str, names: bool = False
) -> dict:
    """Return a copy of a stored address dict with its codes in the stored form.

    For data migrations: values that are not codes stay as they are; with `names`, empty
    `province_name` / `commune_name` entries are filled from the codes.
    """
    result = dict(address)
    for key, pad in ((province_key, province_code), (commune_key, commune_code)):
        value = address.get(key)
        if value not in (None, ""):
            result[key] = pad(value) or value
    if names:
        result["province_name"] = address.get("province_name") or province_name(
            result.get(province_key)
        )
        result["commune_name"] = address.get("commune_name") or commune_name(
            result.get(commune_key)
        )
    return result
