"""Small generated files for upload tests (made with Pillow and fpdf, never checked in)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter

from dichvucong.catalog.models import RequiredDocument
from dichvucong.catalog.tests.factories import make_procedure

SCHEMA = [
    {
        "name": "full_name",
        "label": "Họ và tên",
        "type": "text",
        "required": True,
        "prefill": "full_name",
        "section": "Người yêu cầu",
    },
    {
        "name": "id_number",
        "label": "Số định danh cá nhân",
        "type": "id_number",
        "required": True,
        "prefill": "id_number",
    },
    {
        "name": "copies",
        "label": "Số bản sao",
        "type": "number",
        "min": 1,
        "max": 10,
        "required": True,
    },
    {
        "name": "reason",
        "label": "Mục đích",
        "type": "choice",
        "required": True,
        "choices": ["Xin việc", "Du học"],
    },
    {"name": "agree", "label": "Tôi cam đoan", "type": "checkbox", "required": True},
]
ANSWERS = {
    "full_name": "Trần Thị Mai",
    "id_number": "001090012345",
    "copies": 2,
    "reason": "Du học",
    "agree": True,
}


def document_photo(*, blurred: bool = False, size=(900, 1200), fmt="JPEG", exif=None) -> bytes:
    """Return a photo of a 'paper': dark text lines on white; blurred if asked."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for y in range(60, size[1] - 60, 28):
        for x in range(50, size[0] - 80, 60):
            draw.rectangle((x, y, x + 40, y + 10), fill="black")
            draw.line((x, y + 16, x + 45, y + 16), fill="black", width=2)
    if blurred:
        image = image.filter(ImageFilter.GaussianBlur(6))
    out = io.BytesIO()
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def small_pdf(*, password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Ban sao giay to")
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    return bytes(pdf.output())


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def procedure_with_documents(**overrides):
    procedure = make_procedure(form_schema=SCHEMA, **overrides)
    doc = RequiredDocument.objects.create(
        procedure=procedure, order=1, name="Tờ khai theo mẫu", is_required=True
    )
    optional = RequiredDocument.objects.create(
        procedure=procedure, order=2, name="Giấy tờ khác", is_required=False
    )
    return procedure, doc, optional


def active_pdf(feature: str) -> bytes:
    """Return a one-page PDF carrying the given active content (JavaScript, launch, files, form)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        RectangleObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(small_pdf())))
    root = writer._root_object
    launch = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )
    if feature == "javascript":
        script = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('xin chao');"),
            }
        )
        names = ArrayObject([TextStringObject("chao"), writer._add_object(script)])
        root[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names})}
        )
    elif feature == "open-action-js":
        root[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert(1)"),
            }
        )
    elif feature == "launch":
        root[NameObject("/OpenAction")] = writer._add_object(launch)
    elif feature == "link-launch":
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): RectangleObject([0, 0, 100, 100]),
                NameObject("/A"): launch,
            }
        )
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    elif feature == "embedded-file":
        writer.add_attachment("chay-toi.exe", b"MZ\x90\x00")
    elif feature == "acroform":
        field = DictionaryObject(
            {
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject("ho_ten"),
                NameObject("/Ff"): NumberObject(0),
            }
        )
        root[NameObject("/AcroForm")] = DictionaryObject(
            {NameObject("/Fields"): ArrayObject([writer._add_object(field)])}
        )
    elif feature == "xfa":
        root[NameObject("/AcroForm")] = DictionaryObject(
            {
                NameObject("/Fields"): ArrayObject(),
                NameObject("/XFA"): TextStringObject("<xdp:xdp/>"),
            }
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
