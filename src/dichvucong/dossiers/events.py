"""The words for a dossier's history entries: one map read by every history and slip 06."""

from django.utils.translation import gettext_lazy as _

from dichvucong.dossiers.models import DossierEvent, DossierStatus

# Entries whose action says more than the status they lead to (a resubmission returns the
# dossier to "Đang xử lý", but what happened is that the citizen supplemented it), and entries
# that do not move the status at all. Other moves read as the status they reach.
ACTION_LABELS = {
    "submitted": _("Nộp hồ sơ trực tuyến"),
    "resubmit": _("Công dân nộp bổ sung giấy tờ"),
    "withdraw": _("Công dân yêu cầu rút hồ sơ"),
    "payment_paid": _("Đã nộp phí, lệ phí"),
    "fee_paid": _("Đã nộp phí, lệ phí"),
    "fee_exempted": _("Miễn phí, lệ phí"),
    "counter_payment": _("Thu phí, lệ phí tại quầy"),
    "originals_checked": _("Đối chiếu bản gốc"),
    "originals_received": _("Nhận bản gốc"),
    "result_uploaded": _("Tải lên văn bản kết quả"),
    "submit_for_approval": _("Trình phê duyệt"),
    "return_for_rework": _("Trả lại để xử lý lại"),
    "apology": _("Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
    "delivery_choice": _("Chọn hình thức nhận kết quả"),
    "shipment_created": _("Gửi kết quả qua bưu chính"),
    "shipment_status": _("Cập nhật vận chuyển bưu chính"),
}


def event_label(event: DossierEvent) -> str:
    """Return the words for one history entry, the same for officers, citizens and slips."""
    if event.action in ACTION_LABELS:
        return str(ACTION_LABELS[event.action])
    if event.to_status is not None and event.to_status != event.from_status:
        return str(DossierStatus(event.to_status).label)
    return str(_("Cập nhật hồ sơ"))
