"""Reads for the demo outbox."""

from django.db.models import QuerySet

from dichvucong.notifications.models import SmsMessage


def recent_sms(*, limit: int = 50, phone: str | None = None) -> QuerySet:
    """Return the latest SMS, newest first, optionally for one phone."""
    messages = SmsMessage.objects.all()
    if phone:
        messages = messages.filter(phone=phone)
    return messages.order_by("-created_at", "-id")[:limit]
