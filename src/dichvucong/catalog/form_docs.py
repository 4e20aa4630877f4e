"""Generated downloadable forms (tờ khai): a small spec becomes a DOCX with correct Vietnamese."""

import hashlib
import io
import json

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from dichvucong.core.pdf import NATIONAL_MOTTO, NATIONAL_TITLE

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Bump when the layout changes so every generated form is rebuilt once.
GENERATOR_VERSION = "1"
BLANK = "." * 60
DEFAULT_COMMITMENT = (
    "Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước "
    "pháp luật về cam đoan của mình."
)


def spec_digest(spec: dict) -> str:
    """Return a stable digest of a form spec, to know when its file must be rebuilt."""
    payload = json.dumps([GENERATOR_VERSION, spec], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _centered(document, text: str, *, bold=False, italic=False, size=13):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _labelled_line(document, label: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.add_run(f"{label}: ").bold = False
    paragraph.add_run(BLANK)


def build_form_docx(spec: dict) -> bytes:
    """Render a form spec (title, fields, optional subtitle/recipient/commitment) as DOCX bytes."""
    document = Document()
    for section in document.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    if spec.get("form_number"):
        right = document.add_paragraph(spec["form_number"])
        right.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _centered(document, NATIONAL_TITLE, bold=True)
    _centered(document, NATIONAL_MOTTO, bold=True)
    _centered(document, "—————————")
    document.add_paragraph()
    _centered(document, spec["title"].upper(), bold=True, size=14)
    if spec.get("subtitle"):
        _centered(document, spec["subtitle"], italic=True)
    document.add_paragraph()
    if spec.get("recipient"):
        recipient = document.add_paragraph(f"Kính gửi: {spec['recipient']}")
        recipient.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for label in spec["fields"]:
        _labelled_line(document, label)
    document.add_paragraph(spec.get("commitment") or DEFAULT_COMMITMENT)
    _signature_block(document, spec.get("signer") or "NGƯỜI YÊU CẦU")
    core = document.core_properties
    core.title, core.author, core.language = spec["title"], "Cổng Dịch vụ công", "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _signature_block(document, signer: str) -> None:
    for text, bold, italic in (
        ("……………, ngày …… tháng …… năm ……", False, True),
        (signer.upper(), True, False),
        ("(Ký, ghi rõ họ, chữ đệm, tên)", False, True),
    ):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
