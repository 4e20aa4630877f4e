"""PDFs: open with pypdf; encrypted, empty or corrupt documents are refused."""

import logging

from django.utils.translation import gettext as _
from pypdf import PdfReader

from dichvucong.dossiers.uploads.errors import UploadRejected


def pdf_page_count(fileobj) -> int:
    """Return the page count of a readable, unencrypted PDF, or refuse it."""
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
