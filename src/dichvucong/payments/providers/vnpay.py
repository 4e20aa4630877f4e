"""VNPay payment gateway, API v2.1.0: pay URL, return URL, IPN and querydr.

The pay URL carries the vnp_ parameters sorted by key, key=value form-encoded (space as +),
and vnp_SecureHash = HMAC-SHA512(hash secret, that query string). Return and IPN requests are
checked the same way over every vnp_ parameter except vnp_SecureHash(Type). The querydr API
signs its JSON with the fields joined by "|" in the order VNPay's guide lists.
"""

import uuid
from datetime import timedelta
from typing import Any

import httpx
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dichvucong.core.signing import canonical_query, hmac_hex, hmac_matches
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

VERSION = "2.1.0"
IPN_CODES = {
    IpnResult.CONFIRMED: ("00", "Confirm Success"),
    IpnResult.NOT_FOUND: ("01", "Order not found"),
    IpnResult.ALREADY_CONFIRMED: ("02", "Order already confirmed"),
    IpnResult.INVALID_AMOUNT: ("04", "Invalid amount"),
    IpnResult.INVALID_SIGNATURE: ("97", "Invalid signature"),
    IpnResult.ERROR: ("99", "Unknown error"),
}
QUERY_REQUEST_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)


def signed_query(params: dict[str, Any], secret: str) -> tuple[str, str]:
    """Return (query string sorted by key, its HMAC-SHA512); an empty secret raises."""
    query = canonical_query(params)
    return query, hmac_hex(secret, query, "sha512")


def verify_params(params: dict[str, str], secret: str) -> bool:
    """Check vnp_SecureHash of a return/IPN request."""
    data = {
        k: v
        for k, v in params.items()
        if k.startswith("vnp_") and k not in ("vnp_SecureHash", "vnp_SecureHashType")
    }
    return hmac_matches(secret, canonical_query(data), params.get("vnp_SecureHash", ""), "sha512")


class VnpayProvider(PaymentProvider):
    id = "vnpay"
    label = _("VNPAY (thẻ ATM, Internet Banking, QR)")
    required_settings = ("VNPAY_TMN_CODE", "VNPAY_HASH_SECRET")
    url_settings = ("VNPAY_PAY_URL", "VNPAY_API_URL")

    @property
    def secret(self) -> str:
        return settings.VNPAY_HASH_SECRET

    def start(self, *, payment: Any, return_url: str, ipn_url: str, client_ip: str) -> str:
        now = timezone.now()
        params = {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": settings.VNPAY_TMN_CODE,
            "vnp_Amount": payment.amount * 100,
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.order_ref,
            "vnp_OrderInfo": payment.description,
            "vnp_OrderType": settings.VNPAY_ORDER_TYPE,
            "vnp_Locale": "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": compact_time(now),
            "vnp_ExpireDate": compact_time(
                now + timedelta(minutes=settings.PAYMENT_EXPIRE_MINUTES)
            ),
        }
        payment.start_data = {"vnp_CreateDate": params["vnp_CreateDate"]}
        query, digest = signed_query(params, self.secret)
        return f"{settings.VNPAY_PAY_URL}?{query}&vnp_SecureHash={digest}"

    def parse_ipn(self, request: Any) -> GatewayNotice:
        return self.notice_from(request.GET.dict())

    def notice_from(self, params: dict[str, str]) -> GatewayNotice:
        """Verify signed vnp_ parameters and read them."""
        if not verify_params(params, self.secret):
            raise InvalidSignature("vnp_SecureHash mismatch")
        try:
            amount = int(params["vnp_Amount"]) // 100
        except (KeyError, ValueError) as exc:
            raise InvalidSignature("vnp_Amount missing") from exc
        success = (
            params.get("vnp_ResponseCode") == "00"
            and params.get("vnp_TransactionStatus", "00") == "00"
        )
        return GatewayNotice(
            order_ref=params.get("vnp_TxnRef", ""),
            amount=amount,
            success=success,
            txn_no=params.get("vnp_TransactionNo", ""),
            message=params.get("vnp_ResponseCode", ""),
            raw=params,
        )

    def ipn_response(self, result: IpnResult) -> HttpResponse:
        code, message = IPN_CODES[result]
        return JsonResponse({"RspCode": code, "Message": message})

    def return_ref(self, params: Any) -> str | None:
        return params.get("vnp_TxnRef")

    def query(self, *, payment: Any) -> QueryResult:
        body = {
            "vnp_RequestId": uuid.uuid4().hex[:32],
            "vnp_Version": VERSION,
            "vnp_Command": "querydr",
            "vnp_TmnCode": settings.VNPAY_TMN_CODE,
            "vnp_TxnRef": payment.order_ref,
            "vnp_OrderInfo": payment.description,
            "vnp_TransactionDate": payment.start_data.get("vnp_CreateDate", ""),
            "vnp_CreateDate": compact_time(timezone.now()),
            "vnp_IpAddr": "127.0.0.1",
        }
        body["vnp_SecureHash"] = hmac_hex(
            self.secret, "|".join(str(body[k]) for k in QUERY_REQUEST_FIELDS), "sha512"
        )
        try:
            answer = httpx.post(settings.VNPAY_API_URL, json=body, timeout=http_timeout()).json()
        except (httpx.HTTPError, ValueError) as exc:
            raise PaymentGatewayError(f"VNPay querydr: {exc}") from exc
        answer_data = "|".join(str(answer.get(k, "")) for k in QUERY_RESPONSE_FIELDS)
        if not hmac_matches(self.secret, answer_data, answer.get("vnp_SecureHash", ""), "sha512"):
            raise PaymentGatewayError("VNPay querydr answer has a bad signature")
        if answer.get("vnp_ResponseCode") == "91":
            return QueryResult(state="not_found")
        if answer.get("vnp_ResponseCode") != "00":
            raise PaymentGatewayError(f"VNPay querydr code {answer.get('vnp_ResponseCode')}")
        status = answer.get("vnp_TransactionStatus")
        notice = GatewayNotice(
            order_ref=answer.get("vnp_TxnRef", ""),
            amount=int(answer.get("vnp_Amount") or 0) // 100,
            success=status == "00",
            txn_no=answer.get("vnp_TransactionNo", ""),
            message=status or "",
            raw=answer,
        )
        state = {"00": "paid", "01": "pending"}.get(status, "failed")
        return QueryResult(state=state, notice=notice)
