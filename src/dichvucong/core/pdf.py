"""PDF documents with correct Vietnamese: the shared font set and the official slip header.

Slips (phiếu), receipts (biên lai) and form templates all start from `new_pdf()`, which embeds
DejaVu Sans (shipped in core/fonts, covering every Vietnamese letter and tone mark).
"""

import copy
import io
from datetime import datetime
from functools import cache
from pathlib import Path

from django.utils import timezone
from fontTools import subset, ttLib
from fpdf import FPDF
from fpdf.enums import TextEmphasis, XPos, YPos
from fpdf.fonts import SubsetMap, TTFFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
FACES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
# The characters a document can show: Latin with every Vietnamese letter, Greek and Cyrillic
# (foreign names), punctuation, currency (₫), letter-like signs, arrows, maths, shapes, ballot
# boxes and check marks. DejaVu's other 4,000 glyphs made each document's font work 3× slower.
CHARACTERS = (
    (0x20, 0x52F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
    (0x2190, 0x22FF),
    (0x25A0, 0x25FF),
    (0x2610, 0x2612),
    (0x2713, 0x2718),
    (0xFB00, 0xFB06),
    (0xFFFD, 0xFFFD),
)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
NEXT_LINE = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


@cache
def _face_file(style: str) -> bytes:
    """The face cut down once per process to CHARACTERS, without what no PDF viewer reads.

    Dropped: OpenType layout (fpdf2 places glyphs itself, without text shaping), kerning,
    hinting and glyph names (a viewer rasterises an embedded font without them).
    """
    font = ttLib.TTFont(FONT_DIR / FACES[style], recalcTimestamp=False)
    options = subset.Options()
    options.notdef_outline = True
    options.layout_features = []
    options.hinting = False
    options.glyph_names = False
    options.name_IDs = ["*"]  # the licence and the names stay with the font
    options.name_languages = ["*"]
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM"]
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=[c for first, last in CHARACTERS for c in range(first, last + 1)])
    cutter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def _parsed_face(style: str) -> TTFFont:
    """The face's metrics and character map, read once per process."""
    return TTFFont(FPDF(), io.BytesIO(_face_file(style)), f"{FONT.lower()}{style}", style)


def prepare_faces() -> None:
    """Cut and read every face now (~1.5 s), so no request or task pays for it.

    Called as a web or worker process starts: the first e-form of a process would otherwise
    cut two faces inside the submission's transaction, holding the day's code counter.
    """
    for style in FACES:
        _parsed_face(style)


class VietnamesePDF(FPDF):
    """An FPDF document whose DejaVu faces come from the parsed copies, added when first used.

    fpdf2 parses a TrueType file at every `add_font` and subsets every added face on output;
    a receipt paid both for three full faces (about 250 ms of CPU). Here a document gets its
    own font table (fpdf2 subsets it in place) and descriptor, read from the cut-down face,
    and shares only what is read-only: metrics, the character map and glyph ids. It relies on
    fpdf2 2.8's `TTFFont` fields (the version pyproject allows); test_pdf renders with it.
    """

    def set_font(self, family=None, style="", size=0):
        letters = style.style if isinstance(style, TextEmphasis) else str(style)
        face = "".join(sorted(letters.upper().replace("U", "").replace("S", "")))
        if (family or self.font_family or "").lower() == FONT.lower() and face in FACES:
            self._add_face(face)
        super().set_font(family, style, size)

    def _add_face(self, style: str) -> None:
        key = f"{FONT.lower()}{style}"
        if key in self.fonts:
            return
        parsed = _parsed_face(style)
        face = copy.copy(parsed)
        face.i = len(self.fonts) + 1
        face.ttfont = ttLib.TTFont(io.BytesIO(_face_file(style)), recalcTimestamp=False, lazy=True)
        face.desc = copy.copy(parsed.desc)
        face.missing_glyphs = []
        face.biggest_size_pt = 0
        face._hbfont = None
        face.subset = SubsetMap(face)
        self.fonts[key] = face


def new_pdf(*, title: str, author: str = "Cổng Dịch vụ công") -> FPDF:
    """Return an A4 portrait document with the Vietnamese fonts ready and a first page."""
    pdf = VietnamesePDF(orientation="P", unit="mm", format="A4")
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("Dịch Vụ Công")
    pdf.set_lang("vi")
    pdf.add_page()
    pdf.set_font(FONT, size=11)
    return pdf


def official_header(
    pdf: FPDF,
    *,
    agency_name: str,
    parent_name: str = "",
    number: str = "",
    place: str = "",
    when: datetime | None = None,
) -> None:
    """Draw the two-column header of an administrative document (agency | national motto)."""
    left_w, right_w = 75, pdf.epw - 75
    top = pdf.get_y()
    pdf.set_font(FONT, "", 10)
    if parent_name:
        pdf.multi_cell(left_w, 5, parent_name.upper(), align="C", **NEXT_LINE)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(left_w, 5, agency_name.upper(), align="C", **NEXT_LINE)
    if number:
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(left_w, 6, f"Số: {number}", align="C", **NEXT_LINE)
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + left_w, top)
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(right_w, 5, NATIONAL_TITLE, align="C", **NEXT_LINE)
    pdf.set_x(pdf.l_margin + left_w)
    pdf.multi_cell(right_w, 5, NATIONAL_MOTTO, align="C", **NEXT_LINE)
    if when is not None:
        # The document's date is the province's local day (a UTC date is the previous day
        # before 07:00), whatever moment the caller passes.
        when = timezone.localtime(when) if timezone.is_aware(when) else when
        pdf.set_x(pdf.l_margin + left_w)
        pdf.set_font(FONT, "I", 10)
        date_line = f"{place + ', ' if place else ''}ngày {when:%d} tháng {when:%m} năm {when:%Y}"
        pdf.multi_cell(right_w, 7, date_line, align="C", **NEXT_LINE)
    pdf.set_y(max(left_bottom, pdf.get_y()) + 4)
    pdf.set_font(FONT, "", 11)


def title_block(pdf: FPDF, title: str, subtitle: str = "") -> None:
    """Draw a centred bold document title with an optional italic subtitle."""
    pdf.set_font(FONT, "B", 13)
    pdf.multi_cell(0, 7, title.upper(), align="C", **NEXT_LINE)
    if subtitle:
        pdf.set_font(FONT, "I", 10)
        pdf.multi_cell(0, 6, subtitle, align="C", **NEXT_LINE)
    pdf.ln(3)
    pdf.set_font(FONT, "", 11)


def paragraph(pdf: FPDF, text: str, *, bold: bool = False, height: float = 6) -> None:
    """Write a wrapped paragraph across the page width."""
    pdf.set_font(FONT, "B" if bold else "", 11)
    pdf.multi_cell(0, height, text, **NEXT_LINE)
    pdf.set_font(FONT, "", 11)


def form_number(pdf: FPDF, form: str) -> None:
    """Write the Circular 03/2025/TT-VPCP form number at the top right."""
    pdf.set_font(FONT, "I", 9)
    pdf.cell(0, 5, f"Mẫu số {form} — Thông tư số 03/2025/TT-VPCP", align="R", **NEXT_LINE)
    pdf.set_font(FONT, "", 11)


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


def render(pdf: FPDF) -> bytes:
    """Return the finished document's bytes."""
    return bytes(pdf.output())
