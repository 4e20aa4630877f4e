"""Write the seeded OTP texts with tone marks (the SMS layer folds them when configured); a text
an administrator edited is kept."""

from django.db import migrations

TEXTS = {
    "otp-registration": (
        "Ma OTP dang ky tai khoan Dich vu cong cua ban la {ma}. Ma co hieu luc {phut} phut. "
        "Khong cung cap ma nay cho bat ky ai.",
        "Mã OTP đăng ký tài khoản Dịch vụ công của bạn là {ma}. Mã có hiệu lực {phut} phút. "
        "Không cung cấp mã này cho bất kỳ ai.",
    ),
    "otp-password-reset": (
        "Ma OTP dat lai mat khau Dich vu cong cua ban la {ma}. Ma co hieu luc {phut} phut. "
        "Khong cung cap ma nay cho bat ky ai.",
        "Mã OTP đặt lại mật khẩu Dịch vụ công của bạn là {ma}. Mã có hiệu lực {phut} phút. "
        "Không cung cấp mã này cho bất kỳ ai.",
    ),
    "otp-phone-change": (
        "Ma OTP xac nhan so dien thoai moi tren Cong Dich vu cong la {ma}. "
        "Ma co hieu luc {phut} phut.",
        "Mã OTP xác nhận số điện thoại mới trên Cổng Dịch vụ công là {ma}. "
        "Mã có hiệu lực {phut} phút.",
    ),
}


def forward(apps, schema_editor):
    Template = apps.get_model("notifications", "MessageTemplate")
    for code, (old, new) in TEXTS.items():
        Template.objects.filter(code=code, channel="sms", body=old).update(body=new)


def backward(apps, schema_editor):
    Template = apps.get_model("notifications", "MessageTemplate")
    for code, (old, new) in TEXTS.items():
        Template.objects.filter(code=code, channel="sms", body=new).update(body=old)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_seed_otp_templates")]
    operations = [migrations.RunPython(forward, backward)]
