"""Display helpers for catalog pages: Vietnamese money and online level labels."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from dichvucong.catalog.models import OnlineLevel

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """Format an amount in đồng the Vietnamese way: 8000 -> "8.000 đồng"."""
    if amount in (None, ""):
        return ""
    grouped = f"{int(amount):,}".replace(",", ".")
    return _("%(amount)s đồng") % {"amount": grouped}


@register.filter
def online_level_label(procedure) -> str:
    """Return e.g. "Toàn trình (mức độ 4)"."""
    old_label = OnlineLevel.old_label(procedure.online_level)
    return f"{procedure.get_online_level_display()} ({old_label})"


@register.filter
def working_days(days) -> str:
    """Format a number of working days without a useless ".0"."""
    if days is None:
        return ""
    value = Decimal(days)
    number = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"
    return _("%(days)s ngày làm việc") % {"days": number.replace(".", ",")}
