"""Mẫu 07: Sổ theo dõi hồ sơ of one agency over a period."""

from datetime import date

from django.utils import timezone

from dichvucong.core.pdf import FONT, new_pdf, official_header, render, title_block
from dichvucong.dossiers.appointments import DATE
from dichvucong.processing.slips.base import appointment, local

TITLE = "Sổ theo dõi hồ sơ"
MAX_ROWS = 2000


def build_log(*, agency, start: date, end: date, dossiers) -> bytes:
    """Render the tracking log for the dossiers received in a period (oldest first)."""
    pdf = new_pdf(title=TITLE)
    pdf.set_font(FONT, "I", 9)
    pdf.cell(
        0, 5, "Mẫu số 07 — Thông tư số 03/2025/TT-VPCP", align="R", new_x="LMARGIN", new_y="NEXT"
    )
    official_header(pdf, agency_name=agency.name, when=timezone.localtime())
    title_block(pdf, TITLE, f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}")
    pdf.set_font(FONT, "", 8)
    with pdf.table(col_widths=(8, 34, 30, 38, 22, 22, 22, 22), text_align="LEFT") as table:
        table.row(
            [
                "TT",
                "Mã hồ sơ",
                "Người nộp",
                "Thủ tục",
                "Tiếp nhận",
                "Hẹn trả",
                "Xong lúc",
                "Tình trạng",
            ]
        )
        for number, dossier in enumerate(dossiers[:MAX_ROWS], start=1):
            table.row(
                [
                    str(number),
                    dossier.code or "",
                    dossier.applicant_name,
                    dossier.procedure.name[:80],
                    local(dossier.received_at, "%d/%m/%Y"),
                    appointment(dossier, DATE),
                    local(dossier.completed_at, "%d/%m/%Y") if dossier.completed_at else "",
                    str(dossier.get_status_display()),
                ]
            )
    return render(pdf)
