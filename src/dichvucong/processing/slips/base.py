"""Shared pieces of the Circular 03/2025/TT-VPCP slips."""

from django.utils import timezone
from fpdf import FPDF

from dichvucong.core.pdf import form_number, new_pdf, official_header, paragraph, title_block
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
    form_number(pdf, form)
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


def actor_name(event) -> str:
    """Return the name of whoever took an action, or an empty string."""
    actor = getattr(event, "actor", None)
    return (actor.get_full_name() or actor.username) if actor else ""
