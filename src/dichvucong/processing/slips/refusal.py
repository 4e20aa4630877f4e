"""Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""

from dichvucong.core.pdf import paragraph, render, signature
from dichvucong.processing.slips.base import actor_name, dossier_lines, start

TITLE = "Phiếu từ chối tiếp nhận giải quyết hồ sơ"


def build(dossier, event=None) -> bytes:
    """Render the refusal slip with its reason."""
    pdf = start(dossier, form="03", title=TITLE)
    dossier_lines(pdf, dossier)
    paragraph(pdf, "Qua xem xét, cơ quan tiếp nhận không tiếp nhận giải quyết hồ sơ này.")
    paragraph(pdf, f"Lý do: {event.note if event else ''}", bold=True)
    paragraph(pdf, "Xin thông báo để ông/bà được biết và thực hiện.")
    signature(pdf, "Người tiếp nhận", actor_name(event))
    return render(pdf)
