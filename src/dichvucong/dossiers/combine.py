"""Combine the photos of one paper into a single PDF for the officer."""

import io

from PIL import Image

from dichvucong.dossiers.models import Attachment


def combine_photos(attachments: list[Attachment]) -> bytes:
    """Return one PDF with a page per photo, in upload order (PDF attachments are skipped)."""
    pages: list[Image.Image] = []
    for attachment in attachments:
        if not attachment.content_type.startswith("image/"):
            continue
        with attachment.file.open("rb") as handle, Image.open(handle) as image:
            pages.append(image.convert("RGB"))
    if not pages:
        raise ValueError("No photos to combine.")
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=150.0)
    return out.getvalue()
