"""Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả."""

from dichvucong.core.pdf import paragraph, render, signature
from dichvucong.processing.slips.base import dossier_lines, local, start

TITLE = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"


def build(dossier, event=None) -> bytes:
    """Render the apology and new appointment of the latest extension."""
    extension = dossier.extensions.order_by("-created_at", "-id").first()
    pdf = start(dossier, form="04", title=TITLE)
    dossier_lines(pdf, dossier)
    if extension is not None:
        paragraph(pdf, f"Ngày hẹn trả kết quả: {local(extension.old_due_at)}")
        paragraph(pdf, f"Lý do chậm trả kết quả: {extension.reason}")
        paragraph(
            pdf,
            f"{dossier.agency.name} xin lỗi ông/bà vì sự chậm trễ này và hẹn trả "
            f"kết quả vào {local(extension.new_due_at)}.",
            bold=True,
        )
    signature(pdf, f"Thủ trưởng {dossier.agency.name}")
    return render(pdf)
