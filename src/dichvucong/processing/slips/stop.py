"""Mẫu 05: Thông báo dừng xử lý hồ sơ."""

from dichvucong.core.pdf import paragraph, render, signature
from dichvucong.processing.slips.base import actor_name, dossier_lines, start

TITLE = "Thông báo dừng xử lý hồ sơ"


def build(dossier, event=None) -> bytes:
    """Render the stop notice with its reason."""
    pdf = start(dossier, form="05", title=TITLE)
    dossier_lines(pdf, dossier)
    paragraph(pdf, "Cơ quan giải quyết thông báo dừng xử lý hồ sơ nêu trên.")
    paragraph(pdf, f"Lý do: {event.note if event else ''}", bold=True)
    paragraph(pdf, "Ông/bà có thể liên hệ Bộ phận Một cửa để được hướng dẫn.")
    signature(pdf, "Người thông báo", actor_name(event))
    return render(pdf)
