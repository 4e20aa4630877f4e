"""A submitted file as the national dossier sync reports it (`TaiLieuNop`, NATIONAL.md §5)."""

from django.urls import reverse

from dichvucong.dossiers.models import Attachment


def submitted_file_entry(attachment: Attachment) -> dict:
    """Return one `TaiLieuNop` item, with `DuocTaiSuDung` / `DuocLayTuKhoDMQG` from the store."""
    document = attachment.required_document
    paper = attachment.stored_paper
    return {
        "TepDinhKemId": str(attachment.pk),
        "TenTepDinhKem": attachment.original_name,
        "IsDeleted": False,
        "MaThanhPhanHoSo": (document.code or str(document.pk)) if document else "",
        "DuongDanTaiTepTin": reverse("dossiers:file", args=[attachment.pk]),
        "DuocSoHoa": False,
        "DuocTaiSuDung": attachment.is_reused,
        "DuocLayTuKhoDMQG": attachment.from_national_store,
        "MaKetQuaThayThe": (paper.result_code if paper is not None else "") or "",
    }
