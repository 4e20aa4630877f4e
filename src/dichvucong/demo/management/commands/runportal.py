"""Prepare the database and run the portal: granian (WSGI) plus the background task worker.

Both run as child processes under `dichvucong.demo.supervisor.Supervisor`: a child that exits is
started again after a back-off (logged), Ctrl-C or SIGTERM stops both cleanly. In production
run them as two systemd units instead (docs/CONFIGURATION.md).
"""

import os
import sys
from pathlib import Path

from django.conf import settings
from django.core.checks import Tags
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

import dichvucong
from dichvucong.demo.registry import run_demo_steps
from dichvucong.demo.supervisor import Child, Supervisor


class Command(BaseCommand):
    help = "Chuẩn bị cơ sở dữ liệu, nạp dữ liệu minh họa và chạy cổng cùng tiến trình xử lý nền."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
        parser.add_argument("--no-demo", action="store_true", help="Không nạp dữ liệu minh họa.")

    def handle(self, *args, host, port, workers, no_demo, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        # The checks that need the database (e.g. demo accounts outside demo mode): refuse early.
        self.check(tags=[Tags.database], databases=[DEFAULT_DB_ALIAS], display_num_errors=False)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        _prepare_demo_ca()
        report = None if no_demo else run_demo_steps()

        worker = [sys.executable, "manage.py", "task_worker", "--interval", "0.5", "--no-reload"]
        web = [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "4",
            "--no-ws",
            "dichvucong.wsgi:application",
        ]
        supervisor = Supervisor(
            [Child("worker", worker), Child("web", web)], log=self.stderr.write, env=_child_env()
        )
        supervisor.start()
        self._print_banner(host, port, report)
        supervisor.run()

    def _print_banner(self, host, port, report) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Cổng Dịch vụ công đang chạy: http://{host}:{port}/"))
        if report is not None:
            for line in report.lines:
                self.stdout.write(f"  {line}")
            if report.logins:
                self.stdout.write("Tài khoản minh họa (vai trò, tên đăng nhập, mật khẩu):")
                for login in report.logins:
                    self.stdout.write(f"  {login.role:<30} {login.username:<16} {login.password}")
        self.stdout.write("Nhấn Ctrl+C để dừng.")


def _prepare_demo_ca() -> None:
    """Create the demo CA before the children start (the demo signer signs with it)."""
    if settings.ESIGN_SIGNER == "demo":
        from dichvucong.esign.demo_ca import demo_ca

        demo_ca()


def _child_env() -> dict[str, str]:
    """The environment of the children: they import this same copy of the code first."""
    source = str(Path(dichvucong.__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH", "")
    return os.environ | {"PYTHONPATH": os.pathsep.join(filter(None, [source, path]))}
