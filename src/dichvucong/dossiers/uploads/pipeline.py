"""Check an uploaded file end to end and return what to store (nothing is stored here)."""

import hashlib
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.images import is_blurry, process_image
from dichvucong.dossiers.uploads.pdfs import pdf_page_count, signature_check
from dichvucong.dossiers.uploads.sniff import PDF, FileKind, name_family, sniff

CHUNK = 1024 * 1024


@dataclass
class CheckedFile:
    """A file that passed every check: the bytes to store and what we learnt about them."""

    data: IO[bytes]
    kind: FileKind
    original_name: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    page_count: int | None = None
    blur_score: float | None = None
    signature_state: str = ""  # the verdict on a signed PDF (esign.verify.State), "" if none
    signature_note: str = ""

    @property
    def is_blurry(self) -> bool:
        return is_blurry(self.blur_score)


def _digest(fileobj) -> tuple[str, int]:
    fileobj.seek(0)
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


def _check_size(size: int | None) -> None:
    if not size:
        raise UploadRejected(_("Tệp rỗng (0 byte). Vui lòng chọn lại tệp."))
    limit = settings.UPLOAD_MAX_FILE_BYTES
    if size > limit:
        raise UploadRejected(
            _("Tệp vượt quá dung lượng cho phép (tối đa %(limit)s).")
            % {"limit": filesizeformat(limit)}
        )


def _sniff(fileobj, name: str) -> FileKind:
    fileobj.seek(0)
    kind = sniff(fileobj.read(32))
    fileobj.seek(0)
    if kind is None:
        raise UploadRejected(
            _(
                "Định dạng tệp không được chấp nhận. "
                "Chỉ nhận ảnh JPEG, PNG, WebP, HEIC hoặc tệp PDF."
            )
        )
    claimed = name_family(name)
    if claimed is not None and claimed != kind.family:
        raise UploadRejected(
            _(
                "Tên tệp “%(name)s” không khớp với nội dung thật của tệp (%(label)s). "
                "Vui lòng kiểm tra lại tệp."
            )
            % {"name": name, "label": kind.label}
        )
    return kind


def check_upload(fileobj, *, name: str, size: int | None) -> CheckedFile:
    """Run the whole pipeline on one file; raise UploadRejected with the reason."""
    name = (name or "tep").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    _check_size(size)
    kind = _sniff(fileobj, name)
    if kind is PDF:
        pages = pdf_page_count(fileobj)
        signature_state, signature_note = signature_check(fileobj)
        sha, real_size = _digest(fileobj)
        return CheckedFile(
            data=fileobj,
            kind=kind,
            original_name=name,
            size=real_size,
            sha256=sha,
            page_count=pages,
            signature_state=signature_state,
            signature_note=signature_note,
        )
    image = process_image(fileobj, kind)
    sha, real_size = _digest(image.data)
    return CheckedFile(
        data=image.data,
        kind=image.kind,
        original_name=name,
        size=real_size,
        sha256=sha,
        width=image.width,
        height=image.height,
        blur_score=image.blur_score,
    )
