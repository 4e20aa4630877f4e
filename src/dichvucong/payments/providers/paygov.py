"""PayGov, the payment platform of the National Public Service Portal (Cổng DVCQG).

Checksum rule (the platform's): SHA-256 hex of the fields joined by "|" with the merchant's
secret appended as the last element. The platform's integration guide is issued to connected
agencies, not published; the field lists below are this project's implementation of it and
are kept in one place (the *_FIELDS tuples) so they can be matched to the guide an operator
receives. See docs/PAYMENTS.md.
"""

import json
from typing import Any

import httpx
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dichvucong.core.signing import require_key, same_digest, sha256_hex
from dichvucong.payments.providers import (
    GatewayNotice,
    InvalidSignature,
    IpnResult,
    PaymentGatewayError,
    PaymentProvider,
    QueryResult,
    http_timeout,
)
from dichvucong.payments.providers.vnpay import vnp_time

VERSION = "1.0"
INIT_FIELDS = (
    "version",
    "merchant_code",
    "order_id",
    "amount",
    "currency",
    "order_info",
    "return_url",
    "notify_url",
    "create_time",
)
INIT_ANSWER_FIELDS = ("error_code", "order_id", "payment_url")
RESULT_FIELDS = ("merchant_code", "order_id", "amount", "transaction_no", "status", "pay_time")
QUERY_FIELDS = ("merchant_code", "order_id", "request_time")
ANSWER_CODES = {
    IpnResult.CONFIRMED: ("00", "Thành công"),
    IpnResult.NOT_FOUND: ("01", "Không tìm thấy giao dịch"),
    IpnResult.ALREADY_CONFIRMED: ("02", "Giao dịch đã được xác nhận"),
    IpnResult.INVALID_AMOUNT: ("04", "Số tiền không hợp lệ"),
    IpnResult.INVALID_SIGNATURE: ("97", "Sai mã kiểm tra"),
    IpnResult.ERROR: ("99", "Lỗi không xác định"),
}


def paygov_checksum(data: dict[str, Any], fields: tuple[str, ...], secret: str) -> str:
    """Return SHA-256 hex of the fields' values joined by "|" with the secret appended."""
    require_key(secret)
    return sha256_hex("|".join([*(str(data.get(name, "")) for name in fields), secret]))


def paygov_checksum_matches(
    data: dict[str, Any], fields: tuple[str, ...], secret: str, checksum: Any
) -> bool:
    """Tell whether the checksum is right; never true with an empty secret."""
    return bool(secret) and same_digest(paygov_checksum(data, fields, secret), str(checksum))


class PaygovProvider(PaymentProvider):
    id = "paygov"
    label = _("Nền tảng thanh toán của Cổng Dịch vụ công quốc gia")
    required_settings = ("PAYGOV_MERCHANT_CODE", "PAYGOV_SECRET")
    url_settings = ("PAYGOV_ENDPOINT",)

    @property
    def secret(self) -> str:
        return settings.PAYGOV_SECRET

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            return httpx.post(
                settings.PAYGOV_ENDPOINT.rstrip("/") + path, json=body, timeout=http_timeout()
            ).json()
        except (httpx.HTTPError, ValueError) as exc:
            raise PaymentGatewayError(f"PayGov {path}: {exc}") from exc

    def start(self, *, payment: Any, return_url: str, ipn_url: str, client_ip: str) -> str:
        body = {
            "version": VERSION,
            "merchant_code": settings.PAYGOV_MERCHANT_CODE,
            "order_id": payment.order_ref,
            "amount": payment.amount,
            "currency": "VND",
            "order_info": payment.description,
            "return_url": return_url,
            "notify_url": ipn_url,
            "create_time": vnp_time(timezone.now()),
        }
        body["checksum"] = paygov_checksum(body, INIT_FIELDS, self.secret)
        answer = self._post("/api/v1/payment/init", body)
        if answer.get("error_code") != "00" or not paygov_checksum_matches(
            answer, INIT_ANSWER_FIELDS, self.secret, answer.get("checksum", "")
        ):
            raise PaymentGatewayError(f"PayGov init refused: {answer.get('error_code')}")
        return answer["payment_url"]

    def notice_from(self, data: dict[str, Any]) -> GatewayNotice:
        """Verify a PayGov result (callback, return or query answer) and read it."""
        if data.get("merchant_code") != settings.PAYGOV_MERCHANT_CODE or not (
            paygov_checksum_matches(data, RESULT_FIELDS, self.secret, data.get("checksum", ""))
        ):
            raise InvalidSignature("PayGov checksum mismatch")
        try:
            amount = int(data["amount"])
        except (KeyError, ValueError) as exc:
            raise InvalidSignature("PayGov amount missing") from exc
        return GatewayNotice(
            order_ref=str(data.get("order_id", "")),
            amount=amount,
            success=data.get("status") == "00",
            txn_no=str(data.get("transaction_no", "")),
            message=str(data.get("status", "")),
            raw=dict(data),
        )

    def parse_ipn(self, request: Any) -> GatewayNotice:
        if request.content_type == "application/json":
            try:
                data = json.loads(request.body or b"{}")
            except ValueError as exc:
                raise InvalidSignature("PayGov callback is not JSON") from exc
        else:
            data = request.POST.dict()
        if not isinstance(data, dict):
            raise InvalidSignature("PayGov callback is not an object")
        return self.notice_from(data)

    def ipn_response(self, result: IpnResult) -> HttpResponse:
        code, message = ANSWER_CODES[result]
        return JsonResponse({"error_code": code, "message": message})

    def return_ref(self, params: Any) -> str | None:
        return params.get("order_id") if params.get("merchant_code") else None

    def query(self, *, payment: Any) -> QueryResult:
        body = {
            "merchant_code": settings.PAYGOV_MERCHANT_CODE,
            "order_id": payment.order_ref,
            "request_time": vnp_time(timezone.now()),
        }
        body["checksum"] = paygov_checksum(body, QUERY_FIELDS, self.secret)
        answer = self._post("/api/v1/payment/query", body)
        if answer.get("error_code") == "01":
            return QueryResult(state="not_found")
        if answer.get("error_code") != "00":
            raise PaymentGatewayError(f"PayGov query: {answer.get('error_code')}")
        try:
            notice = self.notice_from(answer)
        except InvalidSignature as exc:
            raise PaymentGatewayError("PayGov query answer has a bad checksum") from exc
        if answer.get("status") == "01":
            return QueryResult(state="pending")
        return QueryResult(state="paid" if notice.success else "failed", notice=notice)
