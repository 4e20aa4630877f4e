"""Shared pieces of the Circular 03/2025/TT-VPCP slips."""

from django.utils import timezone
from fpdf import FPDF

from dichvucong.core.pdf import FONT, new_pdf, official_header, paragraph, title_block
from dichvucong.dossiers.appointments import SPELLED_OUT, appointment_text
from dichvucong.dossiers.models import Dossier


def local(moment, fmt: str = "%H giờ %M phút, ngày %d/%m/%Y") -> str:
    """Format a moment in local time the way slips write it."""
    return timezone.localtime(moment).strftime(fmt) if moment else "…"


def appointment(dossier: Dossier, fmt: str = SPELLED_OUT) -> str:
    """Write the dossier's appointment the way slips do ("Trong ngày …" for 0 days)."""
    return appointment_text(dossier, fmt) or "…"


def start(dossier: Dossier, *, form: str, title: str, subtitle: str = "") -> FPDF:
    """Open a slip with the agency header, the form number and the title."""
    from dichvucong.core.selectors import current_province

    province = current_province()
    pdf = new_pdf(title=title)
    pdf.set_font(FONT, "I", 9)
    pdf.cell(
        0,
        5,
        f"Mẫu số {form} — Thông tư số 03/2025/TT-VPCP",
        align="R",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    parent = dossier.agency.parent.name if dossier.agency.parent_id else ""
    official_header(
        pdf,
        agency_name=dossier.agency.name,
        parent_name=parent,
        number=dossier.code or "",
        place=getattr(province, "name", ""),
        when=timezone.localtime(),
    )
    title_block(pdf, title, subtitle)
    return pdf


def dossier_lines(pdf: FPDF, dossier: Dossier) -> None:
    """Write who applied for what, with the dossier code."""
    paragraph(pdf, f"Mã hồ sơ: {dossier.code}", bold=True)
    paragraph(pdf, f"Ông/bà: {dossier.applicant_name}")
    if dossier.applicant_address:
        paragraph(pdf, f"Địa chỉ: {dossier.applicant_address}")
    if dossier.applicant_phone:
        paragraph(pdf, f"Số điện thoại: {dossier.applicant_phone}")
    paragraph(pdf, f"Thủ tục: {dossier.procedure.name}")


def signature(pdf: FPDF, role: str, name: str = "") -> None:
    """Write the signer's block on the right."""
    pdf.ln(6)
    pdf.set_x(pdf.l_margin + pdf.epw / 2)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(pdf.epw / 2, 6, role.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + pdf.epw / 2)
    pdf.set_font(FONT, "I", 10)
    pdf.multi_cell(pdf.epw / 2, 6, "(Ký, ghi rõ họ tên)", align="C", new_x="LMARGIN", new_y="NEXT")
    if name:
        pdf.ln(14)
        pdf.set_x(pdf.l_margin + pdf.epw / 2)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(pdf.epw / 2, 6, name, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)


def actor_name(event) -> str:
    """Return the name of whoever took an action, or an empty string."""
    actor = getattr(event, "actor", None)
    return (actor.get_full_name() or actor.username) if actor else ""
