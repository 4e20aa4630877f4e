"""Generate the damaged and lying files of the fault suite (in memory; nothing is committed).

Each case is a `Case(family, name, data, expect)`: `expect` is "refused" (must be refused with a
Vietnamese message, nothing stored), "accepted" (must be stored, cleaned) or "either" (refused or
stored clean). Run `python tests/faults/corpus.py OUTDIR` to write the corpus to a folder and
try the files by hand.
"""

import io
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw


@dataclass(frozen=True)
class Case:
    family: str
    name: str
    data: bytes
    expect: str  # "refused" | "accepted" | "either"

    @property
    def id(self) -> str:
        return f"{self.family}:{self.name.encode('unicode_escape').decode()[:40]}"


def _page(mode: str = "RGB", size=(1200, 1600)) -> Image.Image:
    """A sharp 'paper': black text-like strokes on white, in the given mode."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for y in range(80, size[1] - 80, 30):
        for x in range(60, size[0] - 90, 70):
            draw.rectangle((x, y, x + 45, y + 10), fill=0)
            draw.line((x, y + 17, x + 50, y + 17), fill=0, width=2)
    if mode == "I;16":
        return image.point(lambda v: v * 257, mode="I").convert("I;16")
    if mode == "P":
        rgba = image.convert("RGBA")
        return rgba.convert("P", palette=Image.Palette.ADAPTIVE)
    return image.convert(mode)


def _save(image: Image.Image, fmt: str, **kwargs) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def _jpeg(**kwargs) -> bytes:
    return _save(_page(), "JPEG", quality=85, **kwargs)


def _png() -> bytes:
    return _save(_page(), "PNG")


def _webp() -> bytes:
    return _save(_page(), "WEBP", quality=80)


def _heic() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return _save(_page(size=(800, 1000)), "HEIF", quality=70)


def _pdf(text: str = "Ban sao giay to") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Mat")
    pdf.set_encryption(owner_password="chu", user_password="mo")
    return bytes(pdf.output())


def _active_pdf(feature: str) -> bytes:
    from dichvucong.dossiers.tests.helpers import active_pdf

    return active_pdf(feature)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("giay-to.txt", "xin chao")
    return out.getvalue()


def _exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"PE\x00\x00"


def _gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Điện thoại"  # Make
    exif[0x0110] = "Model X"
    gps = {1: "N", 2: (10.0, 45.0, 30.0), 3: "E", 4: (106.0, 40.0, 10.0)}
    exif[0x8825] = gps
    return exif.tobytes()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_bomb(width: int, height: int) -> bytes:
    """A PNG header of a huge gray image whose few bytes inflate to gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * width
    body = b"".join(rows.compress(row) for _ in range(64)) + rows.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def _jpeg_huge_header() -> bytes:
    """A JPEG whose frame header claims 65000×65000 pixels, then ends."""
    data = bytearray(_jpeg())
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 65000, 65000)
    return bytes(data[: sof + 200])


def _svg_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
    )


HTML = "<!doctype html><html><body><script>alert(1)</script>Giấy tờ</body></html>".encode()


def cases() -> list[Case]:
    """Return every case of the corpus, in a fixed order."""
    jpeg, png, webp, heic, pdf = _jpeg(), _png(), _webp(), _heic(), _pdf()
    out = [
        # Truncated files.
        Case("truncated", "anh.jpg", jpeg[: len(jpeg) // 3], "refused"),
        Case("truncated", "anh.png", png[: len(png) // 2], "refused"),
        Case("truncated", "anh.webp", webp[: len(webp) // 2], "refused"),
        Case("truncated", "anh.heic", heic[: len(heic) // 2], "refused"),
        Case("truncated", "to-khai.pdf", pdf[: len(pdf) // 2], "refused"),
        Case("truncated", "dau.jpg", jpeg[:4], "refused"),
        # Names that lie about the content.
        Case("wrong-extension", "anh.jpg", pdf, "refused"),
        Case("wrong-extension", "anh.png", HTML, "refused"),
        Case("wrong-extension", "to-khai.pdf", _exe(), "refused"),
        Case("wrong-extension", "to-khai.pdf", _zip(), "refused"),
        Case("wrong-extension", "to-khai.pdf", png, "refused"),
        Case("wrong-extension", "trang.html", HTML, "refused"),
        Case("wrong-extension", "chay.exe", _exe(), "refused"),
        # Empty files.
        Case("empty", "anh.jpg", b"", "refused"),
        Case("empty", "to-khai.pdf", b"", "refused"),
        # Huge dimensions in tiny files.
        Case("bomb", "bom.png", _png_bomb(30000, 30000), "refused"),
        Case("bomb", "bom-rong.png", _png_bomb(200000, 10), "refused"),
        Case("bomb", "bom.jpg", _jpeg_huge_header(), "refused"),
        # Image modes (all must decode and be kept).
        Case("mode", "bang-mau.png", _save(_page("P"), "PNG", transparency=0), "accepted"),
        Case("mode", "xam-trong-suot.png", _save(_page("LA"), "PNG"), "accepted"),
        Case("mode", "cmyk.jpg", _save(_page("CMYK"), "JPEG"), "accepted"),
        Case("mode", "16-bit.png", _save(_page("I;16"), "PNG"), "accepted"),
        Case("mode", "1-bit.png", _save(_page("1"), "PNG"), "accepted"),
        Case("mode", "rgba.webp", _save(_page("RGBA"), "WEBP"), "accepted"),
        Case("mode", "anh.heic", heic, "accepted"),
        # Active or closed PDFs (refused).
        Case("active-pdf", "javascript.pdf", _active_pdf("javascript"), "refused"),
        Case("active-pdf", "open-action.pdf", _active_pdf("open-action-js"), "refused"),
        Case("active-pdf", "launch.pdf", _active_pdf("launch"), "refused"),
        Case("active-pdf", "link-launch.pdf", _active_pdf("link-launch"), "refused"),
        Case("active-pdf", "embedded.pdf", _active_pdf("embedded-file"), "refused"),
        Case("active-pdf", "form.pdf", _active_pdf("acroform"), "refused"),
        Case("active-pdf", "xfa.pdf", _active_pdf("xfa"), "refused"),
        Case("active-pdf", "mat-khau.pdf", _encrypted_pdf(), "refused"),
        # Polyglots: the accepted image is re-encoded, so the archive behind it is gone.
        Case("polyglot", "anh-zip.jpg", jpeg + _zip(), "either"),
        Case("polyglot", "to-khai-zip.pdf", pdf + _zip(), "either"),
        Case("polyglot", "html-trong-png.png", png + HTML, "either"),
        # Metadata: GPS must be stripped.
        Case("exif-gps", "vi-tri.jpg", _jpeg(exif=_gps_exif()), "accepted"),
        # SVG with script, under its own name and a lying one.
        Case("svg", "ve.svg", _svg_script(), "refused"),
        Case("svg", "ve.png", _svg_script(), "refused"),
        # Hostile names on a good file.
        Case("filename", "../../../../etc/passwd.jpg", jpeg, "accepted"),
        Case("filename", "..\\..\\windows\\win.jpg", jpeg, "accepted"),
        Case("filename", "anh\x00.pdf.jpg", jpeg, "either"),
        Case("filename", "a" * 300 + ".jpg", jpeg, "accepted"),
        Case("filename", "Giấy khai sinh bản sao của Nguyễn Thị Ánh.jpg", jpeg, "accepted"),
        Case("filename", "<script>alert(1)</script>.jpg", jpeg, "accepted"),
        Case("filename", "không-đuôi", jpeg, "either"),
    ]
    return out


def main(folder: str) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for n, case in enumerate(cases()):
        safe = "".join(c if c.isalnum() or c in ".-" else "_" for c in case.name)[-80:]
        (target / f"{n:02d}-{case.family}-{safe}").write_bytes(case.data)
    print(f"{n + 1} files in {target}")


if __name__ == "__main__":
    import os

    import django

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dichvucong.test_settings")
    django.setup()
    main(sys.argv[1] if len(sys.argv) > 1 else "test-artifacts/fault-corpus")
