"""Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""

from dichvucong.core.pdf import paragraph, render
from dichvucong.processing.slips.base import (
    actor_name,
    appointment,
    dossier_lines,
    local,
    signature,
    start,
)

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"


def build(dossier, event=None) -> bytes:
    """Render the receipt and appointment slip."""
    pdf = start(dossier, form="01", title=TITLE)
    paragraph(pdf, f"{dossier.agency.name} đã tiếp nhận hồ sơ của:")
    dossier_lines(pdf, dossier)
    paragraph(pdf, "Thành phần hồ sơ nộp gồm:", bold=True)
    names = [
        a.required_document.name if a.required_document else a.original_name
        for a in dossier.attachments.filter(kind="application").select_related("required_document")
    ]
    for number, name in enumerate(names or ["(theo danh mục của thủ tục)"], start=1):
        paragraph(pdf, f"{number}. {name}")
    paragraph(pdf, f"Thời gian tiếp nhận: {local(dossier.received_at)}")
    paragraph(pdf, f"Thời gian trả kết quả: {appointment(dossier)}", bold=True)
    paragraph(pdf, f"Hình thức nhận kết quả: {dossier.get_result_delivery_display()}")
    paragraph(pdf, "Tra cứu tình trạng hồ sơ trên Cổng Dịch vụ công bằng mã hồ sơ ở trên.")
    signature(pdf, "Người tiếp nhận", actor_name(event))
    return render(pdf)
