"""Display helpers for catalog pages: Vietnamese money and online level labels."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from dichvucong.catalog.models import OnlineLevel

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """Format an amount in đồng the Vietnamese way: 8000 -> "8.000 đồng"."""
    if amount in (None, ""):
        return ""
    grouped = f"{int(amount):,}".replace(",", _thousands_separator())
    return _("%(amount)s đồng") % {"amount": grouped}


@register.filter
def online_level_label(procedure) -> str:
    """Return e.g. "Toàn trình (mức độ 4)" for a procedure or a list item."""
    return OnlineLevel.label_with_old(procedure.online_level)


@register.filter
def working_days(days) -> str:
    """Format a number of working days without a useless ".0"."""
    if days is None:
        return ""
    number = f"{Decimal(days):f}"
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    plural_count = 1 if number == "1" else 2
    if _thousands_separator() == ".":
        number = number.replace(".", ",")  # Vietnamese decimal comma: 1,5 ngày
    text = ngettext("%(days)s ngày làm việc", "%(days)s ngày làm việc", plural_count)
    return text % {"days": number}


def _thousands_separator() -> str:
    return "." if (get_language() or "vi").startswith("vi") else ","
