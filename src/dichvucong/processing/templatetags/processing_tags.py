from django import template

from dichvucong.processing.selectors import is_officer as _is_officer

register = template.Library()


@register.filter
def is_officer(user) -> bool:
    """Tell whether the user holds a staff role (for the "Cán bộ" menu item)."""
    return _is_officer(user)
