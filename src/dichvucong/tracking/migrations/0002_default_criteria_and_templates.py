"""Seed the usual satisfaction criteria and the editable status message templates."""

from django.db import migrations

CRITERIA = [
    ("thai-do-can-bo", "Thái độ của cán bộ"),
    ("thoi-gian-giai-quyet", "Thời gian giải quyết"),
    ("huong-dan-ro-rang", "Hướng dẫn rõ ràng, dễ hiểu"),
    ("co-so-vat-chat", "Cơ sở vật chất nơi tiếp nhận, trả kết quả"),
]
STATUSES = {
    1: "Mới đăng ký", 2: "Được tiếp nhận", 3: "Không được tiếp nhận", 4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ", 6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ", 8: "Dừng xử lý", 9: "Đã xử lý xong", 10: "Đã trả kết quả",
}
SMS = {
    2: "Ho so {ma_ho_so} da duoc tiep nhan. Hen tra: {han_tra}. Tra cuu: {duong_dan}",
    3: "Ho so {ma_ho_so} khong duoc tiep nhan. Xem ly do: {duong_dan}",
    5: "Ho so {ma_ho_so} can bo sung giay to. Xem chi tiet: {duong_dan}",
    6: "Ho so {ma_ho_so} can nop phi, le phi. Xem chi tiet: {duong_dan}",
    8: "Ho so {ma_ho_so} da dung xu ly. Xem ly do: {duong_dan}",
    9: "Ho so {ma_ho_so} da co ket qua. Xem cach nhan: {duong_dan}",
}
PLACEHOLDERS = ("Biến: {ma_ho_so}, {ten_thu_tuc}, {trang_thai}, {han_tra}, {ho_ten},"
                " {duong_dan}, {ghi_chu}.")


def seed(apps, schema_editor):
    Criterion = apps.get_model("tracking", "RatingCriterion")
    Template = apps.get_model("notifications", "MessageTemplate")
    for order, (code, name) in enumerate(CRITERIA, start=1):
        Criterion.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for status, label in STATUSES.items():
        code = f"dossier_status_{status}"
        description = f"Hồ sơ chuyển sang trạng thái {status} – {label}. {PLACEHOLDERS}"
        Template.objects.get_or_create(code=code, channel="in_app", defaults={
            "body": "Hồ sơ {ma_ho_so} ({ten_thu_tuc}): {trang_thai}. {ghi_chu}",
            "description": description})
        Template.objects.get_or_create(code=code, channel="email", defaults={
            "subject": "Hồ sơ {ma_ho_so}: {trang_thai}",
            "body": "Kính gửi {ho_ten},\n\nHồ sơ {ma_ho_so} ({ten_thu_tuc}) đã chuyển sang"
                    " trạng thái: {trang_thai}. {ghi_chu}\n\nXem chi tiết: {duong_dan}",
            "description": description})
        if status in SMS:
            Template.objects.get_or_create(code=code, channel="sms", defaults={
                "body": SMS[status], "description": description})


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0001_notifications_and_ratings"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
