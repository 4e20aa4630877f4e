"""Province → commune lists (after the 2025 reorganisation) from `vietnam-provinces`."""

from functools import lru_cache

from vietnam_provinces import Province, Ward

from dichvucong.core.text import fold


@lru_cache(maxsize=1)
def provinces() -> list[tuple[str, str]]:
    """Return (code, name) of every province, by name."""
    return sorted(
        ((str(int(p.code)), p.name) for p in Province.iter_all()), key=lambda item: fold(item[1])
    )


@lru_cache(maxsize=64)
def communes(province_code: str) -> list[tuple[str, str]]:
    """Return (code, name) of the communes/wards of a province, or [] if unknown."""
    try:
        code = int(province_code)
        return sorted(
            ((str(int(w.code)), w.name) for w in Ward.iter_by_province(code)),
            key=lambda item: fold(item[1]),
        )
    except (ValueError, TypeError, KeyError):
        return []


def province_name(code: str) -> str:
    return dict(provinces()).get(code, "")


def commune_name(province_code: str, code: str) -> str:
    return dict(communes(province_code)).get(code, "")
