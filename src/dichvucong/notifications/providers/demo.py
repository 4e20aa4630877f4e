"""The demo SMS provider: sends nothing; the message stays readable in the demo outbox."""

import uuid

from dichvucong.notifications.providers import SmsProvider, SmsReceipt


class DemoSmsProvider(SmsProvider):
    id = "demo"

    def send(self, *, phone: str, text: str) -> SmsReceipt:
        return SmsReceipt(provider_message_id=f"demo-{uuid.uuid4().hex[:12]}")
