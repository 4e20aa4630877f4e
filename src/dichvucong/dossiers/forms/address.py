"""Vietnamese addresses after the 2025 reorganisation: province → commune (vietnam-provinces)."""

from functools import cache

from vietnam_provinces import Province, Ward


@cache
def province_choices() -> tuple[tuple[str, str], ...]:
    """Return (code, name) of every province, sorted by name."""
    provinces = sorted(Province.iter_all(), key=lambda p: p.name)
    return tuple((str(int(p.code)), p.name) for p in provinces)


@cache
def commune_choices(province_code: str) -> tuple[tuple[str, str], ...]:
    """Return (code, name) of the communes and wards of one province (empty if unknown)."""
    try:
        province = Province.from_code(int(province_code))
    except (ValueError, TypeError, KeyError):
        return ()
    wards = sorted(Ward.iter_by_province(province.code), key=lambda w: w.name)
    return tuple((str(int(w.code)), w.name) for w in wards)


def province_name(code: str) -> str:
    return dict(province_choices()).get(str(code), "")


def commune_name(province_code: str, code: str) -> str:
    return dict(commune_choices(str(province_code))).get(str(code), "")


def format_address(value: dict | None) -> str:
    """Return an address dict as one line: "line, commune, province"."""
    if not isinstance(value, dict):
        return ""
    province = str(value.get("province") or "")
    parts = [value.get("line") or "", commune_name(province, value.get("commune") or ""),
             province_name(province)]
    return ", ".join(p for p in parts if p)
