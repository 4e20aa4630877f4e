"""Print the latest SMS (e.g. to read a demo OTP): `python manage.py sms_outbox`."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from dichvucong.notifications.selectors import recent_sms


class Command(BaseCommand):
    help = "In các tin nhắn SMS gần nhất (đọc mã OTP khi chạy thử)."

    def add_arguments(self, parser):
        parser.add_argument("-n", "--limit", type=int, default=10)
        parser.add_argument("--phone", help="Chỉ in tin nhắn đến số này (+84…).")

    def handle(self, *args, limit, phone, **options):
        messages = list(recent_sms(limit=limit, phone=phone))
        if not messages:
            self.stdout.write("Chưa có tin nhắn nào.")
        for sms in messages:
            when = timezone.localtime(sms.created_at).strftime("%d/%m/%Y %H:%M:%S")
            text = sms.text or "(nội dung đã xóa sau khi gửi)"
            self.stdout.write(f"{when}  {sms.phone}  [{sms.get_status_display()}]  {text}")
