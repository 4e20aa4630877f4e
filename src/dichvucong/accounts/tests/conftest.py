import re

import pytest
from django.core.cache import cache

from dichvucong.notifications.models import SmsMessage


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttles and OTP state live in the cache; every test starts from a clean one."""
    cache.clear()
    yield
    cache.clear()


def latest_otp(phone: str) -> str:
    """Read the code the demo SMS provider 'sent' to a phone, as a tester would at /dev/sms/."""
    message = SmsMessage.objects.filter(phone=phone).order_by("-id").first()
    assert message is not None, f"no SMS to {phone}"
    return re.search(r"\b(\d{6})\b", message.text).group(1)


def captcha_answer(client) -> str:
    return client.session["captcha_answer"]
