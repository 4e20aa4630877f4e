"""PAdES signing with pyHanko: a visible stamp (signer, agency, time, code, QR) and the
validation data (certificates and CRLs) embedded, so a copy verifies offline (B-LT)."""

import asyncio
import datetime as dt
import logging
import os
import tempfile
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FONT = Path(__file__).resolve().parent.parent / "core" / "fonts" / "DejaVuSans.ttf"
FIELD = "ChuKySo"
# The stamp sits at the bottom right of the last page (x1, y1, x2, y2 in points).
STAMP_BOX = (300, 20, 575, 110)


def outside_event_loop(fn, *args, **kwargs):
    """Call a pyHanko sync API (it runs `asyncio.run`) from any thread: in a worker thread when
    this one already runs an event loop (an ASGI view, a browser test's loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


class SigningError(Exception):
    """The document could not be signed; the message says why (shown to officers)."""


@dataclass(frozen=True)
class Stamp:
    """What the visible signature stamp says."""

    signer: str
    agency: str
    signed_at: dt.datetime
    code: str = ""
    url: str = ""

    def text(self) -> str:
        when = self.signed_at.astimezone(VN_TZ).strftime("%d/%m/%Y %H:%M")
        lines = [f"Ký bởi: {self.signer}", f"Cơ quan: {self.agency}", f"Thời gian ký: {when}"]
        if self.code:
            lines.append(f"Mã kết quả: {self.code}")
        return unicodedata.normalize("NFC", "\n".join(lines))


# What a stamp prints: ASCII, Latin-1 letters, the Vietnamese letters outside Latin-1 (Ă Đ Ĩ Ũ Ơ
# Ư and U+1EA0–U+1EF9, precomposed: the text is NFC-normalised first) and dashes/quotes.
VIETNAMESE_EXTRA = "ĂăĐđĨĩŨũƠơƯư"
STAMP_UNICODES = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x100),
    *map(ord, VIETNAMESE_EXTRA),
    *range(0x1EA0, 0x1EFA),
    *range(0x2010, 0x2027),
]


@lru_cache(maxsize=1)
def _font():
    """Return the stamp's font engine over a small subset of DejaVu Sans, made once per process.

    pyHanko parses and subsets the font again at every signature, so its cost grows with the
    font: the whole of DejaVu Sans costs ~1 s, a wide subset with its layout tables ~250 ms, this
    one (≈260 glyphs, no GSUB/GPOS/kern: precomposed letters need no shaping) ~30 ms.
    """
    from fontTools import subset
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    for name in ("fontTools", "fontTools.subset"):  # one INFO line per table otherwise
        logging.getLogger(name).setLevel(logging.WARNING)

    path = Path(tempfile.gettempdir()) / f"dvc-stamp-font-{os.getpid()}.ttf"
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM", "MATH"]
    options.notdef_outline = True
    font = subset.load_font(str(FONT), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=STAMP_UNICODES)
    subsetter.subset(font)
    subset.save_font(font, str(path), options)
    return GlyphAccumulatorFactory(str(path))


def _style(stamp: Stamp):
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import QRStampStyle, TextStampStyle

    # The texts are passed whole as parameters, so no "%" in a name can break the template.
    box = TextBoxStyle(font=_font(), font_size=7)
    if stamp.url:
        return QRStampStyle(stamp_text="%(body)s", text_box_style=box, border_width=1)
    return TextStampStyle(stamp_text="%(body)s", text_box_style=box, border_width=1)


def sign_with(pdf: bytes, *, signer, stamp: Stamp, reason: str, validation_context) -> bytes:
    """Sign `pdf` with a pyHanko signer (PAdES, validation info embedded); return the copy."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        last_page = int(writer.root["/Pages"]["/Count"]) - 1
    except (PdfError, KeyError, ValueError, TypeError) as exc:
        raise SigningError(f"PDF không đọc được: {exc}") from exc
    name = FIELD
    existing = {f[0] for f in fields.enumerate_sig_fields(writer)}
    n = 1
    while name in existing:  # a document signed before gets a second field
        n += 1
        name = f"{FIELD}{n}"
    meta = signers.PdfSignatureMetadata(
        field_name=name,
        reason=reason,
        location="Việt Nam",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=validation_context,
        use_pades_lta=False,
    )
    from dichvucong.esign.tsa import timestamper

    pdf_signer = signers.PdfSigner(
        meta,
        signer=signer,
        timestamper=timestamper(),
        stamp_style=_style(stamp),
        new_field_spec=fields.SigFieldSpec(sig_field_name=name, box=STAMP_BOX, on_page=last_page),
    )
    params = {"body": stamp.text()}
    if stamp.url:
        params["url"] = stamp.url
    out = BytesIO()
    try:
        outside_event_loop(pdf_signer.sign_pdf, writer, output=out, appearance_text_params=params)
    except SigningError:  # a signer's own reason (remote service, token) is already clear
        raise
    except Exception as exc:  # pyHanko raises many kinds; the officer sees the reason
        raise SigningError(f"Không ký được tài liệu: {exc}") from exc
    return out.getvalue()
