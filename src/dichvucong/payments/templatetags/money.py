"""Money in Vietnamese style (50.000, dots between thousands) and payment channel names."""

from django import template

from dichvucong.payments.providers import provider_label

register = template.Library()


@register.filter
def dong(value) -> str:
    """Format an amount in đồng with dots between thousands."""
    try:
        return f"{int(value):,}".replace(",", ".")
    except (TypeError, ValueError):
        return ""


@register.filter
def payment_channel(provider_id: str) -> str:
    """Name a payment's provider as citizens know it ("—" when there is none)."""
    return provider_label(provider_id) or "—"
