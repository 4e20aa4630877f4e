from django import template

from dichvucong.dossiers.events import event_label as _event_label
from dichvucong.processing.selectors import is_officer as _is_officer

register = template.Library()


@register.filter
def is_officer(user) -> bool:
    """Tell whether the user holds a staff role (for the "Cán bộ" menu item)."""
    return _is_officer(user)


@register.filter
def event_label(event) -> str:
    """Return the Vietnamese words for one history entry."""
    return _event_label(event)
