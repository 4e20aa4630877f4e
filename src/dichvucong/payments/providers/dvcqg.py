"""The payment platform of the National Public Service Portal (DVCQG), protocol version 1.0.6.

Messages are JSON POSTed to the platform's INIT, QUERY and receipt (GET_BILL) URLs, each with
`MaXacThuc` = hex SHA-256 of some of its fields joined by "|" with the partner's secret
appended (the *_CHECKSUM tuples, in the platform's order). INIT answers
`{error_code: "0", message: "<JSON with UrlThanhToan>"}`; the platform's confirm callback is the
source of truth, answered with `MaLoi, MoTaLoi, TrangThaiGD`; QUERY answers with the callback's
fields; GET_BILL answers with the receipt's PDF. Amounts are whole đồng, times
yyyyMMddHHmmss in Vietnam's time. docs/PAYMENTS.md states what is the platform's and what is
this module's reading where the public sources are silent.
"""

import json
from typing import Any

import httpx
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.fees import FeeLine, national_fee_code, national_fee_kind
from dichvucong.core.signing import require_key, same_digest, sha256_hex
from dichvucong.core.vn.clock import compact_time
from dichvucong.payments.providers import (
    GatewayNotice,
    InvalidSignature,
    IpnResult,
    PaymentGatewayError,
    PaymentProvider,
    QueryResult,
    http_timeout,
)

VERSION = "1.0.6"
INIT_CHECKSUM = (
    "LoaiBanTin",
    "PhienBan",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "LoaiHinhThanhToan",
    "MaKenhThanhToan",
    "MaThietBi",
    "NgonNgu",
    "MaTienTe",
    "MaNganHang",
    "ThongTinGiaoDich",
    "ThoiGianGD",
    "Ip",
)
CONFIRM_CHECKSUM = (
    "LoaiBanTin",
    "MaLoi",
    "MaDoiTac",
    "MaThamChieu",
    "SoTien",
    "MaTienTe",
    "MaGiaoDich",
    "MaNganHang",
    "ThoiGianGD",
    "ThongTinGiaoDich",
)
QUERY_CHECKSUM = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
# The platform's MaLoi for a successful payment; our answers to its callback use the codes
# below (the platform's guide is issued to connected agencies; docs/PAYMENTS.md).
PAID = "00"
ANSWER_CODES = {
    IpnResult.CONFIRMED: ("00", "Xác nhận thành công", "1"),
    IpnResult.NOT_FOUND: ("01", "Không tìm thấy giao dịch", "0"),
    IpnResult.ALREADY_CONFIRMED: ("02", "Giao dịch đã được xác nhận", "1"),
    IpnResult.INVALID_AMOUNT: ("04", "Số tiền không hợp lệ", "0"),
    IpnResult.INVALID_SIGNATURE: ("97", "Sai mã xác thực", "0"),
    IpnResult.ERROR: ("99", "Lỗi không xác định", "0"),
}
# TrangThaiGD in a QUERY answer: 1 paid, 2 failed, anything else still open.
QUERY_PAID, QUERY_FAILED = "1", "2"
QUERY_NOT_FOUND = "01"


def dvcqg_checksum(message: dict[str, Any], fields: tuple[str, ...], secret: str) -> str:
    """Return MaXacThuc: hex SHA-256 of the fields' values joined by "|", the secret last."""
    require_key(secret)
    return sha256_hex("|".join([*(str(message.get(name, "")) for name in fields), secret]))


def dvcqg_checksum_matches(message: dict[str, Any], fields: tuple[str, ...], secret: str) -> bool:
    """Tell whether the message's MaXacThuc is right; never true with an empty secret."""
    if not secret:
        return False
    return same_digest(dvcqg_checksum(message, fields, secret), str(message.get("MaXacThuc", "")))


class DvcqgPaymentProvider(PaymentProvider):
    id = "dvcqg"
    label = _("Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia")
    # Decision 766's DuocThanhToanTrucTuyen: 1 paid on the national platform.
    national_channel = 1
    required_settings = (
        "DVCQG_PAY_PARTNER_CODE",
        "DVCQG_PAY_SECRET",
        "DVCQG_PAY_BENEFICIARY_ACCOUNT",
        "DVCQG_PAY_BENEFICIARY_BANK",
    )
    url_settings = ("DVCQG_PAY_INIT_URL", "DVCQG_PAY_QUERY_URL", "DVCQG_PAY_RECEIPT_URL")

    @property
    def secret(self) -> str:
        return settings.DVCQG_PAY_SECRET

    def _post(self, url: str, message: dict[str, Any]) -> httpx.Response:
        headers = {}
        if settings.DVCQG_PAY_ACCESS_TOKEN:
            headers["Authorization"] = f"Bearer {settings.DVCQG_PAY_ACCESS_TOKEN}"
        try:
            answer = httpx.post(url, json=message, headers=headers, timeout=http_timeout())
        except httpx.HTTPError as exc:
            raise PaymentGatewayError(f"DVCQG {message['LoaiBanTin']}: {exc}") from exc
        if answer.status_code != 200:
            raise PaymentGatewayError(f"DVCQG {message['LoaiBanTin']}: HTTP {answer.status_code}")
        return answer

    def _post_json(self, url: str, message: dict[str, Any]) -> dict[str, Any]:
        try:
            data = self._post(url, message).json()
        except ValueError as exc:
            raise PaymentGatewayError(f"DVCQG {message['LoaiBanTin']}: not JSON") from exc
        if not isinstance(data, dict):
            raise PaymentGatewayError(f"DVCQG {message['LoaiBanTin']}: not an object")
        return data

    def receipt_details(self, payment: Any) -> dict[str, Any]:
        """ThongTinBienLai: what the platform prints on the e-receipt it issues."""
        dossier = payment.dossier
        procedure, agency = dossier.procedure, dossier.agency
        lines = [FeeLine.from_dict(row) for row in dossier.fee_lines] or [
            FeeLine(name=payment.description, unit_amount=payment.amount, quantity=1)
        ]
        return {
            "MaDichVu": "2",
            "MaDVC": f"{procedure.code}.01",
            "TenDVC": procedure.name[:250],
            "MaTTHC": procedure.code,
            "TenTTHC": procedure.name[:250],
            "MaDonVi": agency.code,
            "TenDonVi": agency.name,
            "MaHoSo": dossier.code or "",
            "TKThuHuong": settings.DVCQG_PAY_BENEFICIARY_ACCOUNT,
            "MaNHThuHuong": settings.DVCQG_PAY_BENEFICIARY_BANK,
            "TenTKThuHuong": settings.DVCQG_PAY_BENEFICIARY_NAME or agency.name,
            "HoTenNguoiNop": dossier.applicant_name,
            "SoCMNDNguoiNop": dossier.applicant_id_number,
            "DiaChiNguoiNop": dossier.applicant_address,
            "NoiDungThanhToan": payment.description,
            "PhiLePhi": [
                {
                    "LoaiPhiLePhi": national_fee_kind(line),
                    "MaPhiLePhi": national_fee_code(procedure.code, index),
                    "TenPhiLePhi": line.name,
                    "SoTien": line.amount,
                }
                for index, line in enumerate(lines, start=1)
            ],
            "DSKhoanNop": [{"NoiDung": payment.description, "SoTien": payment.amount}],
        }

    def start(self, *, payment: Any, return_url: str, ipn_url: str, client_ip: str) -> str:
        message = {
            "LoaiBanTin": "INIT",
            "PhienBan": VERSION,
            "MaDoiTac": settings.DVCQG_PAY_PARTNER_CODE,
            "MaThamChieu": payment.order_ref,
            "SoTien": str(payment.amount),
            "LoaiHinhThanhToan": "PAY",
            "MaKenhThanhToan": "1",
            "MaThietBi": "1",
            "NgonNgu": "vi-VN",
            "MaTienTe": "VND",
            "MaNganHang": "PAYMENT",
            "ThongTinGiaoDich": payment.description,
            "ThoiGianGD": compact_time(timezone.now()),
            "Ip": client_ip or "127.0.0.1",
            "ThongTinBienLai": self.receipt_details(payment),
        }
        message["MaXacThuc"] = dvcqg_checksum(message, INIT_CHECKSUM, self.secret)
        payment.start_data = {"ThoiGianGD": message["ThoiGianGD"]}
        answer = self._post_json(settings.DVCQG_PAY_INIT_URL, message)
        if str(answer.get("error_code")) != "0":
            raise PaymentGatewayError(f"DVCQG INIT refused: {answer.get('error_code')}")
        try:
            details = json.loads(answer.get("message") or "")
            url = str(details["UrlThanhToan"])
        except (TypeError, ValueError, KeyError) as exc:
            raise PaymentGatewayError("DVCQG INIT answer has no UrlThanhToan") from exc
        if not url.startswith(("https://", "http://")):
            raise PaymentGatewayError("DVCQG INIT answer's UrlThanhToan is not a web address")
        return url

    def notice_from(self, message: dict[str, Any]) -> GatewayNotice:
        """Verify a confirm callback (or a QUERY answer, which carries the same fields)."""
        if message.get("MaDoiTac") != settings.DVCQG_PAY_PARTNER_CODE or not (
            dvcqg_checksum_matches(message, CONFIRM_CHECKSUM, self.secret)
        ):
            raise InvalidSignature("DVCQG MaXacThuc mismatch")
        try:
            amount = int(message["SoTien"])
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidSignature("DVCQG SoTien missing") from exc
        return GatewayNotice(
            order_ref=str(message.get("MaThamChieu", "")),
            amount=amount,
            success=str(message.get("MaLoi")) == PAID,
            txn_no=str(message.get("MaGiaoDich", "")),
            message=str(message.get("MaLoi", "")),
            raw=dict(message),
        )

    def parse_ipn(self, request: Any) -> GatewayNotice:
        try:
            message = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise InvalidSignature("DVCQG callback is not JSON") from exc
        if not isinstance(message, dict):
            raise InvalidSignature("DVCQG callback is not an object")
        return self.notice_from(message)

    def ipn_response(self, result: IpnResult) -> HttpResponse:
        code, description, state = ANSWER_CODES[result]
        return JsonResponse({"MaLoi": code, "MoTaLoi": description, "TrangThaiGD": state})

    def return_ref(self, params: Any) -> str | None:
        return params.get("MaThamChieu") or None

    def _signed_request(self, kind: str, payment: Any) -> dict[str, Any]:
        message = {
            "LoaiBanTin": kind,
            "PhienBan": VERSION,
            "MaDoiTac": settings.DVCQG_PAY_PARTNER_CODE,
            "MaThamChieu": payment.order_ref,
            "ThoiGianGD": (payment.start_data or {}).get("ThoiGianGD")
            or compact_time(payment.started_at or timezone.now()),
        }
        message["MaXacThuc"] = dvcqg_checksum(message, QUERY_CHECKSUM, self.secret)
        return message

    def query(self, *, payment: Any) -> QueryResult:
        answer = self._post_json(
            settings.DVCQG_PAY_QUERY_URL, self._signed_request("QUERY", payment)
        )
        if str(answer.get("MaLoi")) == QUERY_NOT_FOUND:
            return QueryResult(state="not_found")
        try:
            notice = self.notice_from(answer)
        except InvalidSignature as exc:
            raise PaymentGatewayError("DVCQG QUERY answer has a bad MaXacThuc") from exc
        state = str(answer.get("TrangThaiGD", ""))
        if state == QUERY_PAID and notice.success:
            return QueryResult(state="paid", notice=notice)
        if state == QUERY_FAILED:
            return QueryResult(state="failed", notice=notice)
        return QueryResult(state="pending")

    def receipt_pdf(self, *, payment: Any) -> bytes | None:
        """The e-receipt the platform issued for a paid payment (GET_BILL), or None."""
        answer = self._post(
            settings.DVCQG_PAY_RECEIPT_URL, self._signed_request("GET_BILL", payment)
        )
        return answer.content if answer.content.startswith(b"%PDF-") else None
