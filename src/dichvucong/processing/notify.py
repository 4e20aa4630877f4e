"""Tell the citizen what happened to their dossier, by SMS and e-mail when they gave one."""

import logging

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from dichvucong.dossiers.appointments import appointment_text
from dichvucong.dossiers.models import Dossier, DossierEvent
from dichvucong.notifications.messages import register_message
from dichvucong.notifications.models import MessageChannel
from dichvucong.notifications.services import render_template, send_sms
from dichvucong.processing.supplements import sms_papers

logger = logging.getLogger(__name__)

# Vietnamese defaults; an admin can override each with a MessageTemplate "dossier_<code>".
DEFAULT_TEXTS = {
    "received": "Hồ sơ {ma_ho_so} ({ten_thu_tuc}) đã được tiếp nhận. Hẹn trả kết quả: {han_tra}.",
    "refused": "Hồ sơ {ma_ho_so} không được tiếp nhận. Lý do: {ly_do}",
    "supplement_requested": "Hồ sơ {ma_ho_so} cần bổ sung: {giay_to}. "
    "Xem chi tiết và nộp bổ sung trên Cổng Dịch vụ công.",
    "payment_requested": "Hồ sơ {ma_ho_so}: vui lòng nộp phí, lệ phí {so_tien} đồng "
    "để tiếp tục giải quyết.",
    "stopped": "Hồ sơ {ma_ho_so} đã dừng xử lý. Lý do: {ly_do}",
    "result_ready": "Hồ sơ {ma_ho_so} đã có kết quả. Nơi nhận: {noi_nhan}.",
    "returned": "Hồ sơ {ma_ho_so} đã được trả kết quả. Cảm ơn ông/bà đã sử dụng dịch vụ công.",
    "apology": "Hồ sơ {ma_ho_so} bị chậm so với hẹn. Chúng tôi xin lỗi ông/bà; "
    "hẹn trả kết quả mới: {han_tra}. Lý do: {ly_do}",
}

PLACEHOLDERS = {
    "ma_ho_so": "mã hồ sơ",
    "ten_thu_tuc": "tên thủ tục",
    "ten_co_quan": "cơ quan giải quyết",
    "han_tra": "ngày giờ hẹn trả kết quả",
    "ly_do": "lý do, nội dung cán bộ ghi",
    "so_tien": "số tiền phí, lệ phí (đồng)",
    "noi_nhan": "nơi nhận kết quả",
    "ho_ten": "họ tên người nộp",
    "giay_to": "giấy tờ cần bổ sung (yêu cầu bổ sung), hoặc lý do",
}
register_message(
    codes=[f"dossier_{event}" for event in DEFAULT_TEXTS],
    channels=(MessageChannel.SMS, MessageChannel.EMAIL),
    placeholders=PLACEHOLDERS,
)


def message_context(dossier: Dossier, event: DossierEvent | None, extra: dict | None) -> dict:
    """Return the placeholders a dossier message may use."""
    if dossier.result_delivery == "post":
        place = _("gửi qua bưu chính đến địa chỉ đã đăng ký")
    else:
        place = dossier.agency.address or dossier.agency.name
    amount = (event.data.get("amount") if event else None) or dossier.fee_total
    reason = event.note if event else ""
    return {
        "ma_ho_so": dossier.code or "",
        "ten_thu_tuc": dossier.procedure.name,
        "ten_co_quan": dossier.agency.name,
        "han_tra": appointment_text(dossier) or _("chưa có"),
        "ly_do": event.note if event else "",
        "so_tien": f"{int(amount or 0):,}".replace(",", "."),
        "noi_nhan": place,
        "ho_ten": dossier.applicant_name,
        # The asked papers, short (the full list with reasons is on the citizen's page).
        "giay_to": sms_papers(event) or reason.rstrip(" ."),
    } | (extra or {})


def notify_dossier_event(
    *,
    dossier: Dossier,
    event_code: str,
    extra: dict | None = None,
    event: DossierEvent | None = None,
) -> bool:
    """Send the message for one event; return whether any channel had an address."""
    context = message_context(dossier, event, extra)
    code = f"dossier_{event_code}"
    text = render_template(code, context, default=DEFAULT_TEXTS.get(event_code, ""))
    if not text:
        return False
    sent = False
    phone = dossier.applicant_phone or getattr(dossier.applicant, "phone", None)
    if phone:
        send_sms(phone=phone, text=text, purpose=code[:40], user=dossier.applicant, dossier=dossier)
        sent = True
    if dossier.applicant_email:
        body = render_template(code, context, channel=MessageChannel.EMAIL, default=text)
        subject = _("Thông báo về hồ sơ %(code)s") % {"code": dossier.code}
        try:
            send_mail(subject, body, None, [dossier.applicant_email])
            sent = True
        except OSError:
            logger.warning("E-mail for dossier %s failed", dossier.pk, exc_info=True)
    return sent
