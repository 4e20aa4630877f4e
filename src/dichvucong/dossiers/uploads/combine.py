"""Combine the photos of one paper into a single PDF for the officer."""

import io

from PIL import Image
from pypdf import PdfReader, PdfWriter

from dichvucong.dossiers.models import Attachment


def _page(image: Image.Image) -> Image.Image:
    """Return the stored photo in a mode a PDF page takes, transparent parts as white paper.

    Stored photos are L, LA, RGB or RGBA (`images.process_image`); L and RGB go to the page as
    they are decoded, with no second copy of their pixels.
    """
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("LA", "RGBA"):
        paper = Image.new("RGB", image.size, "white")
        paper.paste(image, mask=image.getchannel("A"))
        return paper
    return image.convert("RGB")


def combine_photos(attachments: list[Attachment]) -> bytes:
    """Return one PDF with a page per photo, in upload order (PDF attachments are skipped).

    Each photo becomes a one-page PDF on its own and is closed before the next is opened, so
    one decoded photo is held at a time, whatever the number of pages.
    """
    writer = PdfWriter()
    for attachment in attachments:
        if not attachment.content_type.startswith("image/"):
            continue
        page = io.BytesIO()
        with attachment.file.open("rb") as handle, Image.open(handle) as image:
            _page(image).save(page, "PDF", resolution=150.0)
        writer.append(PdfReader(page))
    if not writer.pages:
        raise ValueError("No photos to combine.")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
