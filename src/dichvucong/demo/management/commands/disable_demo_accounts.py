"""Lock the demo accounts whose passwords are published: `manage.py disable_demo_accounts`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from dichvucong.core.audit import audit_log
from dichvucong.demo.registry import published_logins


class Command(BaseCommand):
    help = "Khóa các tài khoản minh họa có mật khẩu đã công bố (trước khi chạy thật)."
    requires_system_checks = []  # it is the fix the demo check asks for

    def handle(self, *args, **options):
        usernames = [username for username, _password in published_logins()]
        with transaction.atomic():
            users = list(get_user_model().objects.filter(username__in=usernames))
            for user in users:
                user.set_unusable_password()
                user.is_active = False
                user.save(update_fields=["password", "is_active"])
            audit_log(
                action="demo.accounts_disabled", data={"usernames": [u.username for u in users]}
            )
        self.stdout.write(f"Đã khóa {len(users)} tài khoản minh họa.")
