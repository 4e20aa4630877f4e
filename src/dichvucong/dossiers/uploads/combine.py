"""Combine the photos of one paper into a single PDF for the officer."""

import io

from PIL import Image
from pypdf import PdfReader, PdfWriter

from dichvucong.dossiers.models import Attachment


def combine_photos(attachments: list[Attachment]) -> bytes:
    """Return one PDF with a page per photo, in upload order (PDF attachments are skipped).

    Each photo becomes a one-page PDF on its own, so only one decoded photo is held at a time.
    """
    writer = PdfWriter()
    for attachment in attachments:
        if not attachment.content_type.startswith("image/"):
            continue
        page = io.BytesIO()
        with attachment.file.open("rb") as handle, Image.open(handle) as image:
            image.convert("RGB").save(page, "PDF", resolution=150.0)
        writer.append(PdfReader(page))
    if not writer.pages:
        raise ValueError("No photos to combine.")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
