"""Background delivery of messages."""

from django_tasks import task

from dichvucong.core.tasks import enqueue_retry
from dichvucong.notifications.models import SmsStatus


@task()
def deliver_sms(message_id: int) -> str:
    """Send one SMS; on a retryable failure queue another attempt with backoff."""
    from dichvucong.notifications.services import sms_deliver

    message = sms_deliver(message_id=message_id)
    if message is None:
        return "skipped"
    if message.status == SmsStatus.RETRYING:
        enqueue_retry(deliver_sms, message.attempts, message_id)
    return message.status
