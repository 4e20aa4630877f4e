"""Header data of the citizen's space: the unread notification count."""

from django.http import HttpRequest

from dichvucong.tracking.selectors import unread_count


def notifications(request: HttpRequest) -> dict:
    """Expose the unread in-app notification count to the header (lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: unread_count(user)}
