"""Today's two-tier administrative units (province → commune) from `vietnam-provinces`."""

from functools import lru_cache

from vietnam_provinces import Province, Ward


def _province_code(value) -> str:
    return f"{int(value):02d}"


def _ward_code(value) -> str:
    return f"{int(value):05d}"


@lru_cache(maxsize=1)
def provinces() -> list[tuple[str, str]]:
    """Return (code, name) of every province and centrally-run city, sorted by name."""
    items = [(_province_code(p.code), p.name) for p in Province.iter_all()]
    return sorted(items, key=lambda item: item[1].removeprefix("Thành phố "))


@lru_cache(maxsize=64)
def communes(province_code: str) -> list[tuple[str, str]]:
    """Return (code, name) of the communes and wards of a province, sorted by name."""
    try:
        code = int(province_code)
        Province.from_code(code)
    except (TypeError, ValueError):
        return []
    items = [(_ward_code(w.code), w.name) for w in Ward.iter_by_province(code)]
    return sorted(items, key=lambda item: item[1])


def province_name(code: str) -> str:
    """Return a province's name, or '' when the code is unknown."""
    return dict(provinces()).get(code, "")


def commune_name(code: str) -> str:
    """Return a commune's name, or '' when the code is unknown."""
    try:
        return Ward.from_code(int(code)).name
    except (TypeError, ValueError):
        return ""


def commune_in_province(commune_code: str, province_code: str) -> bool:
    """Return True when the commune belongs to the province."""
    return any(code == commune_code for code, _name in communes(province_code))
