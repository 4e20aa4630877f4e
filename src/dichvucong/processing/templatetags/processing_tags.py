from django import template

from dichvucong.accounts.permissions import lands_in_back_office
from dichvucong.processing.selectors import event_label as _event_label

register = template.Library()


@register.filter
def is_officer(user) -> bool:
    """Tell whether the user works in the officer workspace (for the "Cán bộ" menu item)."""
    return lands_in_back_office(user)


@register.filter
def event_label(event) -> str:
    """Return the Vietnamese words for one history entry."""
    return _event_label(event)
