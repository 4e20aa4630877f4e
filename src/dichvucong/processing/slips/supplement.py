"""Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""

from dichvucong.core.pdf import paragraph, render, signature
from dichvucong.processing.slips.base import actor_name, dossier_lines, start

TITLE = "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"


def build(dossier, event=None) -> bytes:
    """Render the supplement request with the missing papers and the reason."""
    pdf = start(dossier, form="02", title=TITLE)
    dossier_lines(pdf, dossier)
    paragraph(pdf, "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:", bold=True)
    documents = (event.data.get("documents") if event else None) or []
    for number, name in enumerate(documents, start=1):
        paragraph(pdf, f"{number}. {name}")
    paragraph(pdf, f"Lý do: {event.note if event else ''}")
    paragraph(
        pdf,
        "Thời gian bổ sung không tính vào thời hạn giải quyết. Trong quá trình hoàn "
        "thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ Bộ phận Một cửa để được "
        "hướng dẫn.",
    )
    signature(pdf, "Người hướng dẫn", actor_name(event))
    return render(pdf)
