"""Mẫu 05 (Circular 03/2025/TT-VPCP): Thông báo dừng giải quyết hồ sơ."""

from dichvucong.core.pdf import paragraph, render, signature
from dichvucong.processing.slips.base import actor_name, dossier_lines, start

TITLE = "Thông báo dừng giải quyết hồ sơ"


def build(dossier, event=None) -> bytes:
    """Render the notice that the agency stops handling the dossier, with its reason."""
    pdf = start(dossier, form="05", title=TITLE)
    dossier_lines(pdf, dossier)
    paragraph(
        pdf,
        f"{dossier.agency.name} thông báo dừng giải quyết hồ sơ nêu trên kể từ ngày "
        "lập thông báo này.",
    )
    paragraph(pdf, f"Lý do: {event.note if event else ''}", bold=True)
    paragraph(pdf, "Ông/bà có thể liên hệ Bộ phận Một cửa để được hướng dẫn.")
    signature(pdf, "Người thông báo", actor_name(event))
    return render(pdf)
