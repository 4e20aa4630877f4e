"""Mẫu 06: Phiếu kiểm soát quá trình giải quyết hồ sơ."""

from dichvucong.core.pdf import FONT, paragraph, render
from dichvucong.dossiers.events import event_label
from dichvucong.dossiers.forms import dossier_answers
from dichvucong.dossiers.forms.display import write_answers
from dichvucong.processing.slips.base import actor_name, appointment, dossier_lines, local, start

TITLE = "Phiếu kiểm soát quá trình giải quyết hồ sơ"


def build(dossier, event=None) -> bytes:
    """Render every handover of the dossier with its time and officer."""
    pdf = start(dossier, form="06", title=TITLE)
    dossier_lines(pdf, dossier)
    paragraph(pdf, f"Ngày hẹn trả kết quả: {appointment(dossier)}")
    write_answers(pdf, dossier_answers(dossier), heading="Nội dung tờ khai:")
    events = dossier.events.select_related("actor").order_by("created_at", "id")
    pdf.set_font(FONT, "", 9)
    with pdf.table(col_widths=(28, 50, 40, 57), text_align="LEFT") as table:
        table.row(["Thời gian", "Nội dung", "Người thực hiện", "Ghi chú"])
        for item in events:
            table.row(
                [
                    local(item.created_at, "%H:%M %d/%m/%Y"),
                    event_label(item),
                    actor_name(item),
                    item.note[:200],
                ]
            )
    if dossier.completed_at:
        paragraph(
            pdf,
            f"Xử lý xong lúc: {local(dossier.completed_at)} — {dossier.get_timeliness_display()}",
        )
    return render(pdf)
