"""Seed the OTP message templates (editable later in the admin; existing rows are kept)."""

from django.db import migrations

TEMPLATES = [
    ("otp-registration", "Mã OTP đăng ký tài khoản",
     "Ma OTP dang ky tai khoan Dich vu cong cua ban la {ma}. Ma co hieu luc {phut} phut. "
     "Khong cung cap ma nay cho bat ky ai."),
    ("otp-password-reset", "Mã OTP đặt lại mật khẩu",
     "Ma OTP dat lai mat khau Dich vu cong cua ban la {ma}. Ma co hieu luc {phut} phut. "
     "Khong cung cap ma nay cho bat ky ai."),
    ("otp-phone-change", "Mã OTP xác nhận số điện thoại mới",
     "Ma OTP xac nhan so dien thoai moi tren Cong Dich vu cong la {ma}. "
     "Ma co hieu luc {phut} phut."),
]


def seed(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for code, description, body in TEMPLATES:
        MessageTemplate.objects.get_or_create(
            code=code, channel="sms", defaults={"body": body, "description": description})


def unseed(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.filter(code__in=[t[0] for t in TEMPLATES], channel="sms").delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
