"""Addresses in forms: province → commune, from the accounts part's list of today's units."""

from dichvucong.accounts import addresses


def province_choices() -> list[tuple[str, str]]:
    """Return (code, name) of every province."""
    return addresses.provinces()


def commune_choices(province_code: str) -> list[tuple[str, str]]:
    """Return (code, name) of the communes and wards of one province (empty if unknown)."""
    return addresses.communes(str(province_code or ""))


def province_name(code: str) -> str:
    return addresses.province_name(str(code))


def commune_name(province_code: str, code: str) -> str:
    return dict(commune_choices(str(province_code))).get(str(code), "")


def format_address(value: dict | None) -> str:
    """Return an address dict as one line: "line, commune, province"."""
    if not isinstance(value, dict):
        return ""
    province = str(value.get("province") or "")
    parts = [
        value.get("line") or "",
        commune_name(province, value.get("commune") or ""),
        province_name(province),
    ]
    return ", ".join(p for p in parts if p)
