"""/healthz answers 503 when the database refuses writes, the queue stalls or the worker is gone."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from dichvucong.core.models import SystemValue
from dichvucong.core.state import write_value
from dichvucong.core.tests.worker_helpers import queue_task
from dichvucong.core.worker import heartbeat_key

pytestmark = pytest.mark.usefixtures("fixed_clock")


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_MAX_QUEUE_AGE_SECONDS = 300
    settings.HEALTH_MAX_HEARTBEAT_AGE_SECONDS = 60


def _beat(seconds_ago: float) -> None:
    write_value(heartbeat_key("w1"), "123", moment=timezone.now() - timedelta(seconds=seconds_ago))


@pytest.mark.django_db
def test_healthy_portal_reports_each_check(client, database_tasks):
    _beat(5)
    queue_task("recent")

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["checks"]["database"] == {"ok": True}
    assert body["checks"]["worker"]["ok"] and body["checks"]["worker"]["heartbeat_age_seconds"] >= 4
    assert body["checks"]["queue"]["ok"] and body["checks"]["queue"]["oldest_age_seconds"] < 60
    assert not SystemValue.objects.filter(key="health.write").exists()  # the probe rolled back


@pytest.mark.django_db
def test_a_stale_worker_heartbeat_is_a_503(client, database_tasks):
    _beat(120)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["worker"]["ok"] is False


@pytest.mark.django_db
def test_no_worker_ever_is_a_503(client, database_tasks):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["heartbeat_age_seconds"] is None


@pytest.mark.django_db
def test_a_task_waiting_too_long_is_a_503_but_a_deferred_one_is_not(client, database_tasks):
    _beat(1)
    old = queue_task("stuck")
    queue_task("later", run_after=timezone.now() + timedelta(hours=1))
    type(old).objects.filter(pk=old.pk).update(enqueued_at=timezone.now() - timedelta(minutes=10))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["queue"]["oldest_age_seconds"] >= 600


@pytest.mark.django_db(transaction=True)
def test_a_database_that_refuses_writes_is_a_503(client):
    read_only = {
        "sqlite": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF"),
        "postgresql": (
            "SET SESSION default_transaction_read_only = on",
            "SET SESSION default_transaction_read_only = off",
        ),
    }[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(read_only[0])
    try:
        response = client.get("/healthz")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(read_only[1])

    assert response.status_code == 503
    assert response.json()["checks"]["database"]["ok"] is False
