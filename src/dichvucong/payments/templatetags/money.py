"""Money in Vietnamese style: 50.000 (dots between thousands)."""

from django import template

register = template.Library()


@register.filter
def dong(value) -> str:
    """Format an amount in đồng with dots between thousands."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""
