"""`runportal` keeps the portal up: a dead worker is restarted and its tasks still complete."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dichvucong.core.models import SystemValue
from dichvucong.core.tests.worker_helpers import portal_env, queue_task
from dichvucong.core.worker import heartbeat_key
from dichvucong.demo.supervisor import Child, Supervisor

ROOT = Path(__file__).resolve().parents[4]


def _wait_for(condition, *, timeout: float, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"gave up waiting after {timeout} s")


def test_a_child_that_exits_is_restarted_after_a_backoff_and_stop_ends_the_others():
    lines: list[str] = []
    crasher = Child("crasher", [sys.executable, "-c", "raise SystemExit(3)"])
    sleeper = Child("sleeper", [sys.executable, "-c", "import time; time.sleep(60)"])
    supervisor = Supervisor([crasher, sleeper], log=lines.append)
    supervisor.start()
    try:
        _wait_for(lambda: crasher.process.poll() is not None, timeout=10)
        supervisor.check()
        assert crasher.process is None and any("crasher exited with code 3" in x for x in lines)
        _wait_for(lambda: supervisor.check() or crasher.restarts == 1, timeout=5)
        assert sleeper.process.poll() is None and sleeper.restarts == 0
    finally:
        supervisor.stop()
    assert sleeper.process.poll() is not None
    assert any("restarting in 1 s" in x for x in lines)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_keeps_the_portal_serving_and_every_task_completes_once(tmp_path):
    slow = queue_task("slow", seconds=3, priority=10)  # taken first, killed while it runs
    quick = [queue_task(f"quick-{n}") for n in range(5)]
    port = _free_port()
    log = (tmp_path / "runportal.log").open("w")
    portal = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runportal",
            "--no-demo",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=portal_env(),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(lambda: _status(f"http://127.0.0.1:{port}/") == 200, timeout=90, step=0.5)
        slow_row = _wait_for(
            lambda: DBTaskResult.objects.filter(pk=slow.pk, status="RUNNING").first(), timeout=30
        )
        pid = int(SystemValue.objects.get(key=heartbeat_key(slow_row.worker_ids[-1])).value)
        os.kill(pid, signal.SIGKILL)

        statuses = []

        def all_finished() -> bool:
            statuses.append(_status(f"http://127.0.0.1:{port}/"))
            return not DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).exists()

        _wait_for(all_finished, timeout=60, step=0.5)

        assert statuses and set(statuses) == {200}  # the web never went down with the worker
        done = SystemValue.objects.filter(key__startswith="test.done.").values_list(
            "key", flat=True
        )
        assert sorted(done) == sorted(
            f"test.done.{k}" for k in ["slow", *[f"quick-{n}" for n in range(5)]]
        )
        slow_row.refresh_from_db()
        assert len(slow_row.worker_ids) == 2 and slow_row.worker_ids[0] != slow_row.worker_ids[1]
        assert all(len(DBTaskResult.objects.get(pk=q.pk).worker_ids) == 1 for q in quick)
        portal.send_signal(signal.SIGTERM)
        assert portal.wait(timeout=30) == 0
        output = (tmp_path / "runportal.log").read_text()
        assert "worker exited with code -9" in output and "restarting in 1 s" in output
        assert "left running by worker" in output
        assert _status(f"http://127.0.0.1:{port}/") == 0  # web stopped with the supervisor
    finally:
        if portal.poll() is None:
            portal.terminate()  # the supervisor stops its children
            try:
                portal.wait(timeout=30)
            except subprocess.TimeoutExpired:
                portal.kill()  # its children get SIGTERM from the kernel (PDEATHSIG)
        log.close()
        print((tmp_path / "runportal.log").read_text())  # shown when the test fails
