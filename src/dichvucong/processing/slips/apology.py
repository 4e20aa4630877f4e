"""Mẫu 04 (Circular 03/2025/TT-VPCP): Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết."""

from dichvucong.core.pdf import paragraph, render, signature
from dichvucong.processing.slips.base import local, start

TITLE = "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"


def build(dossier, event=None) -> bytes:
    """Render the apology for the delay and the request to extend to the proposed new date."""
    extension = dossier.extensions.order_by("-created_at", "-id").first()
    pdf = start(dossier, form="04", title=TITLE, subtitle=f"Mã hồ sơ: {dossier.code}")
    paragraph(pdf, f"Kính gửi: Ông/bà {dossier.applicant_name}", bold=True)
    if dossier.applicant_address:
        paragraph(pdf, f"Địa chỉ: {dossier.applicant_address}")
    paragraph(
        pdf,
        f"Ngày {local(dossier.received_at or dossier.submitted_at, '%d/%m/%Y')}, "
        f"{dossier.agency.name} tiếp nhận hồ sơ đề nghị giải quyết thủ tục "
        f"{dossier.procedure.name} của ông/bà (mã hồ sơ {dossier.code}).",
    )
    if extension is not None:
        paragraph(pdf, f"Thời hạn trả kết quả đã hẹn: {local(extension.old_due_at)}.")
        paragraph(
            pdf,
            "Tuy nhiên, đến nay hồ sơ của ông/bà chưa được giải quyết xong. "
            f"Lý do: {extension.reason}",
        )
        paragraph(
            pdf,
            f"{dossier.agency.name} xin lỗi ông/bà vì sự chậm trễ này và đề nghị gia hạn "
            f"thời gian giải quyết hồ sơ đến {local(extension.new_due_at)} "
            "(thời hạn trả kết quả mới).",
            bold=True,
        )
    paragraph(
        pdf,
        "Mong ông/bà thông cảm. Nếu có ý kiến, ông/bà liên hệ Bộ phận Một cửa hoặc phản hồi "
        "trên Cổng Dịch vụ công.",
    )
    signature(pdf, f"Thủ trưởng {dossier.agency.name}")
    return render(pdf)
