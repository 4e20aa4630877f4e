"""The postal fee table (settings POSTAL_FEE_*, in đồng)."""

from django.conf import settings

from dichvucong.core.selectors import current_province
from dichvucong.core.vn.addresses import province_code as padded


def postal_fee(*, province_code: str, collect_originals: bool = False) -> int:
    """Return the fee to send a result to an address in the given province."""
    province = current_province()
    home = province is not None and padded(province.code) == padded(province_code)
    fee = settings.POSTAL_FEE_IN_PROVINCE if home else settings.POSTAL_FEE_OTHER_PROVINCE
    return fee + (settings.POSTAL_FEE_ORIGINALS if collect_originals else 0)


def fee_table() -> dict[str, int]:
    """Return the fee table shown next to the choice."""
    return {
        "in_province": settings.POSTAL_FEE_IN_PROVINCE,
        "other_province": settings.POSTAL_FEE_OTHER_PROVINCE,
        "originals": settings.POSTAL_FEE_ORIGINALS,
    }
