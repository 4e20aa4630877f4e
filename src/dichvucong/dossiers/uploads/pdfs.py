"""PDFs: open with pypdf; encrypted, empty, corrupt or active documents are refused.

Active content (JavaScript, launch and other actions that run or send something, embedded
files, fillable forms) has no place in a scanned paper, and an officer opens these files:
such PDFs are refused with the way out (print to PDF or scan again) rather than cleaned.
"""

import logging

from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from dichvucong.dossiers.uploads.errors import UploadRejected

# Action types that run code, start programs, send data or open embedded documents.
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/GoToE",
    "/RichMediaExecute",
}
# Keys that carry scripts, or embedded files.
SCRIPT_KEYS = {"/JS", "/JavaScript"}
EMBEDDED_KEYS = {"/EmbeddedFiles", "/EF", "/RichMediaContent"}
EMBEDDED_TYPES = {"/EmbeddedFile", "/FileAttachment", "/RichMedia"}
# A PDF with more objects than this is not walked through (a scan has a few per page).
MAX_OBJECTS = 200_000

SCRIPT, EMBEDDED, FORM = "script", "embedded", "form"


def _refusal(finding: str) -> UploadRejected:
    what = {
        SCRIPT: _("có mã lệnh (JavaScript) hoặc lệnh tự chạy chương trình"),
        EMBEDDED: _("có tệp đính kèm bên trong"),
        FORM: _("là biểu mẫu điền được (form)"),
    }[finding]
    return UploadRejected(
        _(
            "Tệp PDF %(what)s, hệ thống không nhận vì lý do an toàn. Vui lòng in ra PDF "
            "(chọn “In” rồi “Lưu dưới dạng PDF”) hoặc chụp, scan lại giấy tờ rồi tải lên."
        )
        % {"what": what}
    )


def _form_finding(root: DictionaryObject) -> str | None:
    form = root.get("/AcroForm")
    if isinstance(form, IndirectObject):
        form = form.get_object()
    if not isinstance(form, DictionaryObject):
        return None
    fields = form.get("/Fields")
    if isinstance(fields, IndirectObject):
        fields = fields.get_object()
    if "/XFA" in form:
        return FORM
    if isinstance(fields, ArrayObject) and not all(_is_signature_field(f) for f in fields):
        return FORM
    return None


def _is_signature_field(field) -> bool:
    """A digital-signature field is not a fillable form: a signed paper keeps its signature."""
    field = field.get_object() if isinstance(field, IndirectObject) else field
    return isinstance(field, DictionaryObject) and field.get("/FT") == "/Sig"


def signature_check(fileobj) -> tuple[str, str]:
    """Return (state, reason) of a signed PDF's signatures; ("", "") when it has none."""
    from dichvucong.esign.verify import State, verify_pdf

    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    if b"/ByteRange" not in data:
        return "", ""
    verdict = verify_pdf(data)
    if verdict.state == State.UNSIGNED:
        return "", ""
    return verdict.state, verdict.reason[:500]


def _dict_finding(obj: DictionaryObject) -> str | None:
    keys = set(obj.keys())
    if keys & SCRIPT_KEYS or obj.get("/S") in ACTIVE_ACTIONS:
        return SCRIPT
    if keys & EMBEDDED_KEYS or obj.get("/Type") in EMBEDDED_TYPES:
        return EMBEDDED
    if obj.get("/Subtype") in EMBEDDED_TYPES:
        return EMBEDDED
    return None


def active_content(reader: PdfReader) -> str | None:
    """Return what active content the PDF holds (SCRIPT, EMBEDDED, FORM), or None."""
    root = reader.trailer["/Root"].get_object()
    if finding := _form_finding(root):
        return finding
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            if len(seen) > MAX_OBJECTS:
                raise UploadRejected(_("Tệp PDF quá phức tạp, không kiểm tra được."))
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):  # streams too: their dictionary only
            if finding := _dict_finding(obj):
                return finding
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return None


def pdf_page_count(fileobj) -> int:
    """Return the page count of a readable, unencrypted, inactive PDF, or refuse it."""
    fileobj.seek(0)
    pypdf_logger = logging.getLogger("pypdf")
    previous = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)
    try:
        reader = PdfReader(fileobj, strict=False)
        if reader.is_encrypted:
            raise UploadRejected(
                _("Tệp PDF đang được đặt mật khẩu. Vui lòng gỡ mật khẩu rồi tải lên lại.")
            )
        pages = len(reader.pages)
        if finding := active_content(reader):
            raise _refusal(finding)
    except UploadRejected:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise UploadRejected(_("Tệp PDF bị hỏng, không mở được. Vui lòng chọn tệp khác.")) from exc
    finally:
        pypdf_logger.setLevel(previous)
        fileobj.seek(0)
    if pages < 1:
        raise UploadRejected(_("Tệp PDF không có trang nào."))
    return pages
