"""MoMo all-in-one payment, API v2: create → payUrl, IPN, redirect and status query.

Every signature is HMAC-SHA256(secretKey, raw) where raw is "key=value&…" over the fields in
alphabetical order, accessKey included; each call has its own field list (below). The requestId
is the idempotency key of a create call: it equals our order ref, so retrying a create after a
timeout cannot open a second order.
"""

import json
import time
from typing import Any

import httpx
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from dichvucong.core.signing import hmac_hex, hmac_matches
from dichvucong.payments.providers import (
    GatewayNotice,
    InvalidSignature,
    IpnResult,
    PaymentGatewayError,
    PaymentProvider,
    QueryResult,
    http_timeout,
)

CREATE_FIELDS = (
    "accessKey",
    "amount",
    "extraData",
    "ipnUrl",
    "orderId",
    "orderInfo",
    "partnerCode",
    "redirectUrl",
    "requestId",
    "requestType",
)
RESULT_FIELDS = (
    "accessKey",
    "amount",
    "extraData",
    "message",
    "orderId",
    "orderInfo",
    "orderType",
    "partnerCode",
    "payType",
    "requestId",
    "responseTime",
    "resultCode",
    "transId",
)
QUERY_FIELDS = ("accessKey", "orderId", "partnerCode", "requestId")
PENDING_CODES = {1000, 7000, 7002, 9000}
NOT_FOUND_CODES = {42}


def momo_raw(data: dict[str, Any], fields: tuple[str, ...]) -> str:
    """Return the signed text: "field=value&…" in the given (alphabetical) order."""
    return "&".join(f"{name}={data.get(name, '')}" for name in fields)


def momo_signature(data: dict[str, Any], fields: tuple[str, ...], secret: str) -> str:
    """Return the HMAC-SHA256 of the fields (an empty secret raises EmptyKeyError)."""
    return hmac_hex(secret, momo_raw(data, fields), "sha256")


class MomoProvider(PaymentProvider):
    id = "momo"
    label = _("Ví điện tử MoMo")
    required_settings = ("MOMO_PARTNER_CODE", "MOMO_ACCESS_KEY", "MOMO_SECRET_KEY")
    url_settings = ("MOMO_ENDPOINT",)

    def _signed(self, body: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
        data = {"accessKey": settings.MOMO_ACCESS_KEY, **body}
        body["signature"] = momo_signature(data, fields, settings.MOMO_SECRET_KEY)
        return body

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            response = httpx.post(
                settings.MOMO_ENDPOINT.rstrip("/") + path, json=body, timeout=http_timeout()
            )
            return response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise PaymentGatewayError(f"MoMo {path}: {exc}") from exc

    def start(self, *, payment: Any, return_url: str, ipn_url: str, client_ip: str) -> str:
        body = self._signed(
            {
                "partnerCode": settings.MOMO_PARTNER_CODE,
                "requestId": payment.order_ref,
                "amount": payment.amount,
                "orderId": payment.order_ref,
                "orderInfo": payment.description,
                "redirectUrl": return_url,
                "ipnUrl": ipn_url,
                "requestType": settings.MOMO_REQUEST_TYPE,
                "extraData": "",
                "lang": "vi",
            },
            CREATE_FIELDS,
        )
        answer = self._post("/v2/gateway/api/create", body)
        if answer.get("resultCode") != 0 or not answer.get("payUrl"):
            raise PaymentGatewayError(
                f"MoMo create: {answer.get('resultCode')} {answer.get('message', '')}"
            )
        payment.start_data = {"requestId": payment.order_ref}
        return answer["payUrl"]

    def notice_from(self, data: dict[str, Any]) -> GatewayNotice:
        """Verify a MoMo result (IPN body or redirect parameters) and read it."""
        if data.get("partnerCode") != settings.MOMO_PARTNER_CODE or not hmac_matches(
            settings.MOMO_SECRET_KEY,
            momo_raw({"accessKey": settings.MOMO_ACCESS_KEY, **data}, RESULT_FIELDS),
            str(data.get("signature", "")),
        ):
            raise InvalidSignature("MoMo signature mismatch")
        try:
            amount, code = int(data["amount"]), int(data["resultCode"])
        except (KeyError, ValueError) as exc:
            raise InvalidSignature("MoMo amount/resultCode missing") from exc
        return GatewayNotice(
            order_ref=str(data.get("orderId", "")),
            amount=amount,
            success=code == 0,
            txn_no=str(data.get("transId", "")),
            message=str(data.get("message", "")),
            raw=dict(data),
        )

    def parse_ipn(self, request: Any) -> GatewayNotice:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise InvalidSignature("MoMo IPN is not JSON") from exc
        if not isinstance(data, dict):
            raise InvalidSignature("MoMo IPN is not an object")
        return self.notice_from(data)

    def ipn_response(self, result: IpnResult) -> HttpResponse:
        # MoMo expects 204 No Content once the partner has taken the result into account.
        if result in (IpnResult.CONFIRMED, IpnResult.ALREADY_CONFIRMED):
            return HttpResponse(status=204)
        return HttpResponse(status=500 if result is IpnResult.ERROR else 400)

    def return_ref(self, params: Any) -> str | None:
        return params.get("orderId") if params.get("partnerCode") else None

    def query(self, *, payment: Any) -> QueryResult:
        body = self._signed(
            {
                "partnerCode": settings.MOMO_PARTNER_CODE,
                "orderId": payment.order_ref,
                "requestId": f"{payment.order_ref}-q{int(time.time() * 1000)}",
                "lang": "vi",
            },
            QUERY_FIELDS,
        )
        answer = self._post("/v2/gateway/api/query", body)
        code = answer.get("resultCode")
        if code in NOT_FOUND_CODES:
            return QueryResult(state="not_found")
        if code in PENDING_CODES:
            return QueryResult(state="pending")
        notice = GatewayNotice(
            order_ref=str(answer.get("orderId", "")),
            amount=int(answer.get("amount") or 0),
            success=code == 0,
            txn_no=str(answer.get("transId", "")),
            message=str(answer.get("message", "")),
            raw=answer,
        )
        return QueryResult(state="paid" if code == 0 else "failed", notice=notice)
