"""The national e-document store ("Kho quản lý dữ liệu điện tử"): pull by result code, push.

The request and answer follow the one public implementation (TH, docs/E-RESULTS.md): a pull
sends `SoDinhDanhChuSoHuu, HoTenNguoiYeuCau, KenhThucHien, SoDinhDanhNguoiYeuCau, MaThuTuc,
DanhSachDanhMucKetQua[{MaKetQua, SoKyHieu}]` and gets `DanhSachGiayToKetQua[{MaKetQua,
TenGiayTo, SoKyHieu, CoQuanChuQuan, DanhSachTepDinhKem[{TenTep, DuongDan}]}]` with each file
base64. No transport (URL, authentication) is published: `demo` stands in with the portal's
own signed results and `http` (national_http.py) posts these bodies to configured addresses.
"""

import base64
import binascii
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from dichvucong.core.providers import load_provider

NATIONAL_STORE_CLASSES = {
    "demo": "dichvucong.dossiers.store.national.DemoNationalStore",
    "http": "dichvucong.dossiers.store.national_http.HttpNationalStore",
}


class NationalStoreError(Exception):
    """The national store could not answer; `.message` is Vietnamese."""

    def __init__(self, message: str, *, retryable: bool = False):
        super().__init__(message)
        self.message = message
        self.retryable = retryable


@dataclass(frozen=True)
class NationalFile:
    name: str
    data: bytes


@dataclass(frozen=True)
class NationalPaper:
    """One paper of the national store's answer (`DanhSachGiayToKetQua` item)."""

    result_code: str
    name: str
    number: str = ""
    issuer: str = ""
    files: list[NationalFile] = field(default_factory=list)


@dataclass(frozen=True)
class PullRequest:
    """What a pull asks: whose papers, who asks, through which channel, which codes."""

    owner_id_number: str
    requester_name: str
    requester_id_number: str
    result_codes: list[tuple[str, str]]  # (MaKetQua, SoKyHieu)
    procedure_code: str = ""
    channel: int = 2

    def payload(self) -> dict:
        return {
            "SoDinhDanhChuSoHuu": self.owner_id_number,
            "HoTenNguoiYeuCau": self.requester_name,
            "KenhThucHien": self.channel,
            "SoDinhDanhNguoiYeuCau": self.requester_id_number,
            "MaThuTuc": self.procedure_code,
            "DanhSachDanhMucKetQua": [
                {"MaKetQua": code, "SoKyHieu": number} for code, number in self.result_codes
            ],
        }


def parse_answer(answer: dict) -> list[NationalPaper]:
    """Read a pull answer; raise NationalStoreError on a malformed one."""
    try:
        papers = []
        for item in answer.get("DanhSachGiayToKetQua") or []:
            files = [
                NationalFile(
                    name=str(f.get("TenTep") or "giay-to.pdf"),
                    data=base64.b64decode(f.get("DuongDan") or "", validate=True),
                )
                for f in item.get("DanhSachTepDinhKem") or []
            ]
            papers.append(
                NationalPaper(
                    result_code=str(item["MaKetQua"]),
                    name=str(item.get("TenGiayTo") or item["MaKetQua"]),
                    number=str(item.get("SoKyHieu") or ""),
                    issuer=str(item.get("CoQuanChuQuan") or ""),
                    files=files,
                )
            )
        return papers
    except (AttributeError, KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise NationalStoreError(_("Kho dữ liệu quốc gia trả lời không đúng định dạng.")) from exc


def push_payload(*, owner_id_number: str, paper: NationalPaper) -> dict:
    """The result pushed to the national store, in the pull answer's own item shape."""
    return {
        "SoDinhDanhChuSoHuu": owner_id_number,
        "DanhSachGiayToKetQua": [
            {
                "MaKetQua": paper.result_code,
                "TenGiayTo": paper.name,
                "SoKyHieu": paper.number,
                "CoQuanChuQuan": paper.issuer,
                "DanhSachTepDinhKem": [
                    {"TenTep": f.name, "DuongDan": base64.b64encode(f.data).decode()}
                    for f in paper.files
                ],
            }
        ],
    }


class NationalStoreProvider:
    """A national e-document store: `pull` papers by result code, `push` an issued result."""

    id = ""
    required_settings: tuple[str, ...] = ()

    def pull(self, request: PullRequest) -> list[NationalPaper]:
        raise NotImplementedError

    def push(self, *, owner_id_number: str, paper: NationalPaper) -> str:
        """Send one result; return the store's reference for it."""
        raise NotImplementedError


class DemoNationalStore(NationalStoreProvider):
    """Stands in for the national store with the results this portal signed itself.

    A pull finds a signed result by its `<Mã hồ sơ>-KQ<n>` code when the dossier's applicant
    is the owner asked for; a push is accepted and answered with a reference.
    """

    id = "demo"

    def pull(self, request: PullRequest) -> list[NationalPaper]:
        from dichvucong.dossiers.selectors import signed_result

        answer = {"DanhSachGiayToKetQua": []}
        for code, _number in request.result_codes:
            copy = signed_result(code)
            if copy is None:
                continue
            dossier = copy.attachment.dossier
            if not request.owner_id_number or dossier.applicant_id_number != (
                request.owner_id_number
            ):
                continue
            with copy.file.open("rb") as handle:
                data = handle.read()
            answer["DanhSachGiayToKetQua"].append(
                {
                    "MaKetQua": code,
                    "TenGiayTo": dossier.procedure.result or dossier.procedure.name,
                    "SoKyHieu": code,
                    "CoQuanChuQuan": dossier.agency.name,
                    "DanhSachTepDinhKem": [
                        {"TenTep": f"{code}.pdf", "DuongDan": base64.b64encode(data).decode()}
                    ],
                }
            )
        return parse_answer(answer)

    def push(self, *, owner_id_number: str, paper: NationalPaper) -> str:
        push_payload(owner_id_number=owner_id_number, paper=paper)  # the shape it would send
        return f"demo-{paper.result_code}"


def national_store() -> NationalStoreProvider | None:
    """Return the configured national store provider (None when not connected)."""
    provider_id = settings.NATIONAL_STORE_PROVIDER
    if not provider_id:
        return None
    return load_provider(NATIONAL_STORE_CLASSES, provider_id, kind="national store")
