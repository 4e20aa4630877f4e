"""Load the demo province: `python manage.py load_demo` (idempotent)."""

from django.core.management.base import BaseCommand

from dichvucong.demo.registry import run_demo_steps


class Command(BaseCommand):
    help = "Nạp dữ liệu tỉnh minh họa (chạy lại nhiều lần không sao)."

    def handle(self, *args, **options):
        report = run_demo_steps()
        for line in report.lines:
            self.stdout.write(line)
        if report.logins:
            self.stdout.write("Tài khoản minh họa:")
            for login in report.logins:
                self.stdout.write(f"  {login.role:<28} {login.username:<16} {login.password}")
