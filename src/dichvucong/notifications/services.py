"""Send messages: SMS through the provider registry, always after the transaction commits."""

import logging

from django.db import transaction
from django.utils import timezone

from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.notifications.messages import fill, message_kind, sms_parts, template_problems
from dichvucong.notifications.models import MessageChannel, MessageTemplate, SmsMessage, SmsStatus
from dichvucong.notifications.providers import SmsSendError, get_sms_provider
from dichvucong.notifications.sms_text import sms_text

logger = logging.getLogger(__name__)
MAX_SMS_ATTEMPTS = 5


def render_template(
    code: str, context: dict, *, channel: str = MessageChannel.SMS, default: str = ""
) -> str:
    """Fill the admin-edited template `code` (or `default`) with the context's values.

    Never raises: a stored template the admin could not check (written before the check, or
    naming a placeholder the code no longer gives) is logged and the default text is sent.
    """
    body = (
        MessageTemplate.objects.filter(code=code, channel=channel)
        .values_list("body", flat=True)
        .first()
    )
    if body:
        kind = message_kind(code)
        problems = template_problems(body, kind.placeholders if kind else context)
        if not problems:
            return fill(body, context)
        logger.error(
            "Message template %s (%s) cannot be used, the default text is sent: %s",
            code,
            channel,
            "; ".join(problems),
        )
    return fill(default, context)


def sent_text(message: SmsMessage) -> str:
    """Return what the gateway gets for a logged SMS: folded if configured, cut to its parts."""
    return sms_text(message.text, parts=sms_parts(message.purpose))


def send_sms(
    *, phone: str, text: str, purpose: str, user=None, dossier=None, is_secret: bool = False
) -> SmsMessage:
    """Record an SMS and queue its delivery once the current transaction commits."""
    from dichvucong.notifications.tasks import deliver_sms

    message = SmsMessage.objects.create(
        phone=phone,
        text=text,
        purpose=purpose,
        user=user,
        is_secret=is_secret,
        dossier_id=getattr(dossier, "pk", None),
    )
    enqueue_on_commit(deliver_sms, message.pk)
    return message


def sms_deliver(*, message_id: int) -> SmsMessage | None:
    """Send one queued SMS through the provider; return it, or None if nothing was to do."""
    with transaction.atomic():
        message = (
            SmsMessage.objects.select_for_update()
            .filter(pk=message_id, status__in=[SmsStatus.QUEUED, SmsStatus.RETRYING])
            .first()
        )
        if message is None:
            return None
        provider = get_sms_provider()
        message.attempts += 1
        message.provider = provider.id
        try:
            # The log keeps the text as written; the gateway gets it folded and in one part.
            receipt = provider.send(phone=message.phone, text=sent_text(message))
        except SmsSendError as exc:
            retry = exc.retryable and message.attempts < MAX_SMS_ATTEMPTS
            message.status = SmsStatus.RETRYING if retry else SmsStatus.FAILED
            message.last_error = str(exc)[:300]
            logger.warning("SMS %s to %s failed: %s", message.pk, message.masked_phone, exc)
        else:
            message.status = SmsStatus.SENT
            message.provider_message_id = receipt.provider_message_id
            message.sent_at = timezone.now()
            message.last_error = ""
        if message.is_secret and provider.id != "demo" and message.status != SmsStatus.RETRYING:
            message.text = ""  # codes leave no trace once a real gateway has them
        message.save()
    return message
