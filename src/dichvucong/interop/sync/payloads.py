"""The records DVCQG's sync API takes (NATIONAL.md §5), built from a dossier and one event.

`dossier_record` is `HoSoDongBoDVC`; `progress_record` is `QuaTrinhXuLyDongBoDVC`. Statuses go
as the API codes of NATIONAL.md §2, moments as yyyyMMddHHmmss in Vietnam's time.
"""

from typing import Any

from dichvucong.catalog.fees import FeeLine, national_fee_code, national_fee_kind
from dichvucong.core.vn.clock import compact_time
from dichvucong.dossiers.events import event_label
from dichvucong.dossiers.models import (
    Attachment,
    AttachmentKind,
    Dossier,
    DossierEvent,
    DossierStatus,
    SettlementKind,
)
from dichvucong.dossiers.statuses import NATIONAL_API_CODES
from dichvucong.dossiers.store.sync import submitted_file_entry
from dichvucong.payments.selectors import online_payment_channel

# LoaiDoiTuong: 1 a citizen, 2 an organisation (the applicant's account type, as VNeID has it).
CITIZEN, ORGANISATION = "1", "2"
PAPER_KINDS = (AttachmentKind.APPLICATION, AttachmentKind.SUPPLEMENT, AttachmentKind.EFORM)
VNEID_METHODS = ("vneid", "dvcqg")


def status_code(status: int) -> str:
    """The API code of a national status ("" for a local-only one such as a draft)."""
    return NATIONAL_API_CODES.get(status, "")


def _papers(attachments: list[Attachment]) -> list[dict[str, Any]]:
    return [submitted_file_entry(a) for a in attachments if a.kind in PAPER_KINDS]


def _results(dossier: Dossier, attachments: list[Attachment]) -> list[dict[str, Any]]:
    rows = []
    for attachment in attachments:
        if attachment.kind != AttachmentKind.RESULT:
            continue
        signed = getattr(attachment, "signed_copy", None)
        rows.append(
            {
                "TenGiayTo": attachment.original_name,
                "MaThanhPhanHoSo": "",
                "GiayToId": attachment.pk,
                "DuongDanTepTinKetQua": f"{dossier.code}/{attachment.pk}",
                "MaGiayToKetQua": (signed.result_code or "") if signed else "",
            }
        )
    return rows


def _fees(dossier: Dossier) -> list[dict[str, Any]]:
    settled = set(dossier.fee_settlements.values_list("kind", flat=True))
    collected = "1" if SettlementKind.ONLINE in settled else ("2" if settled else "")
    return [
        {
            "TenPhiLePhi": line.name,
            "MaPhiLePhi": national_fee_code(dossier.procedure.code, index),
            "HinhThucThu": collected,
            "Gia": line.amount,
            "LoaiPhiLePhi": national_fee_kind(line),
        }
        for index, line in enumerate(map(FeeLine.from_dict, dossier.fee_lines), start=1)
    ]


def dossier_record(dossier: Dossier, *, supplement: dict[str, str] | None = None) -> dict[str, Any]:
    """HoSoDongBoDVC of the dossier as it is now (`supplement`: the appointment it had and has
    after a supplement, for DanhSachHoSoBoSung)."""
    procedure, agency = dossier.procedure, dossier.agency
    attachments = list(
        dossier.attachments.select_related("required_document", "signed_copy", "stored_paper")
    )
    organisation = len(dossier.applicant_id_number) == 10  # a tax code, not a 12-digit ID
    return {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "MaLinhVuc": procedure.field.code,
        "TenLinhVuc": procedure.field.name,
        "KenhThucHien": dossier.channel,
        "SoGiayToChuHoSo": dossier.applicant_id_number,
        "ChuHoSo": dossier.applicant_name,
        "LoaiDoiTuong": ORGANISATION if organisation else CITIZEN,
        "MaDoiTuong": "",
        "Email": dossier.applicant_email,
        "SoDienThoai": dossier.applicant_phone,
        "TrichYeuHoSo": procedure.name,
        "NgayTiepNhan": compact_time(dossier.received_at),
        "NgayHenTra": compact_time(dossier.due_at),
        "TrangThaiHoSo": status_code(dossier.status),
        "NgayTra": compact_time(dossier.returned_at),
        "ThongTinTra": "",
        "HinhThuc": dossier.result_delivery,
        "NgayKetThucXuLy": compact_time(dossier.completed_at),
        "DonViXuLy": agency.code,
        "NoiNopHoSo": agency.name,
        "NgayNopHoSo": compact_time(dossier.submitted_at),
        "NgayTuChoi": compact_time(dossier.returned_at)
        if dossier.status == DossierStatus.NOT_RECEIVED
        else "",
        "HoSoCoThanhPhanSoHoa": 1,
        "TaiKhoanDuocXacThucVoiVNeID": 1
        if dossier.applicant_identity_method in VNEID_METHODS
        else 0,
        "DuocThanhToanTrucTuyen": online_payment_channel(dossier),
        "DinhDanhCHS": [{"LoaiDinhDanh": "1", "SoDinhDanh": dossier.applicant_id_number}]
        if dossier.applicant_id_number
        else [],
        "TaiLieuNop": _papers(attachments),
        "DanhSachLePhi": _fees(dossier),
        "DanhSachHoSoBoSung": [supplement] if supplement else [],
        "DanhSachGiayToKetQua": _results(dossier, attachments),
    }


def progress_record(event: DossierEvent) -> dict[str, Any]:
    """QuaTrinhXuLyDongBoDVC of one history entry."""
    dossier, actor = event.dossier, event.actor
    roles = getattr(actor, "staff_roles", None)
    title = ""
    if roles is not None:
        title = ", ".join(sorted({str(role.get_role_display()) for role in roles.all()}))
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": (actor.get_full_name() or actor.username) if actor else dossier.applicant_name,
        "ChucDanh": title,
        "ThoiDiemXuLy": compact_time(event.created_at),
        "PhongBanXuLy": dossier.agency.name,
        "NoiDungXuLy": event_label(event) + (f": {event.note}" if event.note else ""),
        "TrangThai": status_code(
            event.to_status if event.to_status is not None else dossier.status
        ),
        "NgayBatDau": compact_time(event.created_at),
        "NgayKetThucTheoQuyDinh": compact_time(dossier.due_at),
    }
