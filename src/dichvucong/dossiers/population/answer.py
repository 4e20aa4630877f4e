"""The one reading of a population-database answer (`CongDan`, NATIONAL.md §4) into the
portal's names, which the form schema's `population.<name>` prefill sources use.

Anything we cannot trust is left out rather than guessed: a value of the wrong type, an
address whose province or commune is not one of today's units. An answer about another
person, or one that is not an object, is refused whole.
"""

from typing import Any

from dichvucong.core.vn import addresses
from dichvucong.core.vn.identity import national_date, normalise_cccd
from dichvucong.dossiers.population import PopulationLookupError

# Plain text answers: our name → the field of CongDan.
TEXTS = {
    "old_id_number": "SoCMND",
    "gender": "GioiTinh",
    "ethnicity": "DanToc",
    "religion": "TonGiao",
    "marital_status": "TinhTrangHonNhan",
    "blood_type": "NhomMau",
    "nationality": "QuocTich",
    "household_book_number": "SoSoHoKhau",
}
ADDRESSES = {
    "birth_place": "NoiDangKyKhaiSinh",
    "native_place": "QueQuan",
    "permanent_address": "ThuongTru",
    "current_address": "NoiOHienTai",
}
RELATIVES = {"father_name": "Cha", "mother_name": "Me", "spouse_name": "VoChong"}


def _text(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() if isinstance(value, str) else ""


def _name(value: Any) -> str:
    """HoVaTen is {Ho, ChuDem, Ten} (or, from some systems, one string)."""
    if isinstance(value, dict):
        parts = (_text(value.get(key)) for key in ("Ho", "ChuDem", "Ten"))
        return " ".join(part for part in parts if part)
    return _text(value)


def _address(value: Any) -> dict | None:
    """{MaTinhThanh, MaQuanHuyen, MaPhuongXa, ChiTiet, QuocGia} → {province, commune, line}.

    Districts are gone since 1 Jul 2025 (two tiers): MaQuanHuyen is not used."""
    if not isinstance(value, dict):
        return None
    province = addresses.province_code(value.get("MaTinhThanh"))
    commune = addresses.commune_code(value.get("MaPhuongXa"))
    if not province or not addresses.commune_in_province(commune, province):
        return None
    return {"province": province, "commune": commune, "line": _text(value.get("ChiTiet"))}


def citizen_record(cong_dan: Any, *, id_number: str) -> dict:
    """Return the answer about `id_number` as {our name: value}; refuse an unusable one."""
    if not isinstance(cong_dan, dict):
        raise PopulationLookupError("malformed answer: CongDan is not an object")
    if normalise_cccd(_text(cong_dan.get("SoDinhDanh"))) != normalise_cccd(id_number):
        raise PopulationLookupError("malformed answer: about another person")
    record: dict[str, Any] = {"id_number": normalise_cccd(id_number)}
    if name := _name(cong_dan.get("HoVaTen")):
        record["full_name"] = name
    born = national_date(cong_dan.get("NgayThangNamSinh"))
    if born is not None:
        record["date_of_birth"] = born.isoformat()
    for ours, theirs in TEXTS.items():
        if value := _text(cong_dan.get(theirs)):
            record[ours] = value
    for ours, theirs in ADDRESSES.items():
        if (value := _address(cong_dan.get(theirs))) is not None:
            record[ours] = value
    for ours, theirs in RELATIVES.items():
        relative = cong_dan.get(theirs)
        if isinstance(relative, dict) and (name := _name(relative.get("HoVaTen"))):
            record[ours] = name
    head = cong_dan.get("ChuHo")
    if isinstance(head, dict):
        if name := _name(head.get("HoVaTen")):
            record["household_head_name"] = name
        if relation := _text(head.get("QuanHe")):
            record["household_head_relation"] = relation
    return record
