"""Keep a few child processes running for `runportal`: restart with back-off, stop cleanly."""

import ctypes
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

# A child that stayed up this long had a good run: its next crash starts the back-off afresh.
HEALTHY_RUN_SECONDS = 60.0
MAX_BACKOFF_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 10.0


def _die_with_parent() -> None:
    """In the child (Linux): get SIGTERM when the supervisor dies, even by SIGKILL."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Child:
    """One supervised process: its name for the log and its argv."""

    name: str
    argv: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    crashes: int = 0
    restart_at: float | None = None
    restarts: int = 0


class Supervisor:
    """Run the children; restart any that exits (1 s, 2 s, 4 s … up to 30 s); stop on signal."""

    def __init__(
        self,
        children: list[Child],
        *,
        log: Callable[[str], object],
        env: dict[str, str] | None = None,
        poll: float = 0.5,
    ):
        self.children, self.log, self.env, self.poll = children, log, env, poll
        self.stopping = False

    def start(self) -> None:
        for child in self.children:
            self._spawn(child)

    def _spawn(self, child: Child) -> None:
        # Own session: a Ctrl-C in the terminal reaches only the supervisor, which then stops
        # each child once (a second signal would make the worker abandon its task).
        child.process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            child.argv, env=self.env, start_new_session=True, preexec_fn=_die_with_parent
        )
        child.started_at, child.restart_at = time.monotonic(), None
        self.log(f"[runportal] {child.name} started (pid {child.process.pid})")

    def _request_stop(self, signum, _frame) -> None:
        self.stopping = True

    def run(self) -> None:
        """Supervise until SIGINT/SIGTERM, then stop every child and return."""
        previous = {
            sig: signal.signal(sig, self._request_stop) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            while not self.stopping:
                self.check()
                time.sleep(self.poll)
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def check(self) -> None:
        """Notice exited children and restart those whose back-off has passed."""
        now = time.monotonic()
        for child in self.children:
            if child.process is not None and child.process.poll() is not None:
                code = child.process.returncode
                ran = now - child.started_at
                child.crashes = 1 if ran >= HEALTHY_RUN_SECONDS else child.crashes + 1
                delay = min(MAX_BACKOFF_SECONDS, 2.0 ** (child.crashes - 1))
                child.process, child.restart_at = None, now + delay
                self.log(
                    f"[runportal] {child.name} exited with code {code} after {ran:.0f} s; "
                    f"restarting in {delay:.0f} s"
                )
            elif child.process is None and child.restart_at is not None and now >= child.restart_at:
                if self.stopping:
                    return
                child.restarts += 1
                self._spawn(child)

    def stop(self) -> None:
        """Ask every child to stop (SIGTERM), wait, then kill what is left."""
        running = [c for c in self.children if c.process is not None and c.process.poll() is None]
        for child in running:
            child.process.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        for child in running:
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.log(f"[runportal] {child.name} did not stop in time; killing it")
                child.process.kill()
                child.process.wait()
        if running:
            self.log("[runportal] stopped")
