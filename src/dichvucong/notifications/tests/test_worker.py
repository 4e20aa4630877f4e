"""The SMS task through the real database-backed worker, not the immediate test backend."""

import pytest
from django.core.management import call_command

from dichvucong.notifications.models import SmsMessage, SmsStatus
from dichvucong.notifications.services import send_sms

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_sms_is_delivered_by_the_database_worker(settings):
    settings.TASKS = DB_TASKS  # django_tasks resets its backends on setting_changed
    message = send_sms(phone="+84912345678", text="Ho so da tiep nhan", purpose="test")
    message.refresh_from_db()
    assert message.status == SmsStatus.QUEUED
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1
    call_command("db_worker", batch=True, interval=0, startup_delay=False)
    message.refresh_from_db()
    assert message.status == SmsStatus.SENT
    assert SmsMessage.objects.get().attempts == 1
