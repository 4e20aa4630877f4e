from django import template
from django.urls import reverse

from dichvucong.accounts.permissions import lands_in_back_office, may_verify_identity
from dichvucong.dossiers.events import event_label as _event_label

register = template.Library()


@register.filter
def officer_link(user) -> str:
    """Return the officer's page for the "Cán bộ" menu item (workspace or identity checks)."""
    if lands_in_back_office(user):
        return reverse("processing:inbox")
    if may_verify_identity(user):
        return reverse("accounts:officer_pending")
    return ""


@register.filter
def event_label(event) -> str:
    """Return the Vietnamese words for one history entry."""
    return _event_label(event)
