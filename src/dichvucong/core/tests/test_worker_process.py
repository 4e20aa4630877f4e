"""A real `task_worker` process on the test database rides out a lock and lost connections."""

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dichvucong.core.tests.worker_helpers import portal_env, queue_task

ROOT = Path(__file__).resolve().parents[4]
pytestmark = pytest.mark.django_db(transaction=True)


def _wait_for(condition, *, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting after {timeout} s")


def _finished(result) -> bool:
    return DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.SUCCESSFUL).exists()


@pytest.fixture
def worker(tmp_path):
    log = (tmp_path / "worker.log").open("w")
    argv = [sys.executable, "manage.py", "task_worker", "--interval", "0.2", "--no-reload"]
    process = subprocess.Popen(
        [*argv, "--no-startup-delay"],
        cwd=ROOT,
        env=portal_env(SQLITE_TIMEOUT_SECONDS="1", WORKER_BACKOFF_MAX_SECONDS="2"),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log_path = tmp_path / "worker.log"
    try:
        first = queue_task("warm-up")
        _wait_for(lambda: _finished(first), timeout=60)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        print(process.log_path.read_text())  # shown when the test fails


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's file lock")
def test_the_worker_outlives_a_database_lock_longer_than_its_timeout(worker):
    waiting = queue_task("behind-the-lock", queue_name="parked")  # not the worker's queue
    holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=5, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    # Inside the lock, hand the task to the worker's queue: it sees it once the lock is gone.
    table = DBTaskResult._meta.db_table
    holder.execute(f"UPDATE {table} SET queue_name = 'default' WHERE id = ?", [waiting.pk.hex])  # noqa: S608
    time.sleep(4)  # four times the worker's lock timeout
    holder.execute("COMMIT")
    holder.close()

    _wait_for(lambda: _finished(waiting), timeout=30)
    assert worker.poll() is None
    assert "database is locked" in worker.log_path.read_text()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL backends")
def test_the_worker_outlives_postgresql_dropping_its_connections(worker):
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        for _ in range(3):  # as a restart does: every connection of the worker goes, repeatedly
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )
            time.sleep(0.7)
    after = queue_task("after-the-restart")

    _wait_for(lambda: _finished(after), timeout=30)
    assert worker.poll() is None
