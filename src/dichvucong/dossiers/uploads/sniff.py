"""Tell a file's real type from its first bytes; the uploaded name is never trusted."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    """An accepted file type: its family, canonical extension and MIME type."""

    family: str
    extension: str
    content_type: str
    label: str


JPEG = FileKind("jpeg", ".jpg", "image/jpeg", _("ảnh JPEG"))
PNG = FileKind("png", ".png", "image/png", _("ảnh PNG"))
WEBP = FileKind("webp", ".webp", "image/webp", _("ảnh WebP"))
HEIC = FileKind("heic", ".heic", "image/heic", _("ảnh HEIC"))
PDF = FileKind("pdf", ".pdf", "application/pdf", _("tệp PDF"))

# Extensions a citizen's file may carry, by family.
EXTENSIONS = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jfif": "jpeg",
    ".png": "png",
    ".webp": "webp",
    ".heic": "heic",
    ".heif": "heic",
    ".pdf": "pdf",
}
ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,application/pdf," + ",".join(
    sorted(EXTENSIONS)
)
_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


def sniff(head: bytes) -> FileKind | None:
    """Return the kind the bytes really are, or None when the type is not accepted."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIC_BRANDS:
        return HEIC
    if head.startswith(b"%PDF-"):
        return PDF
    return None


def name_family(name: str) -> str | None:
    """Return the family the file name's extension claims (None when unknown)."""
    dot = name.rfind(".")
    return EXTENSIONS.get(name[dot:].lower()) if dot >= 0 else None
