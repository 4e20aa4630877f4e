"""A generic SMS-brandname gateway over HTTP(S) taking JSON.

Protocol: POST settings.SMS_HTTP_URL with HTTP Basic credentials and the JSON body
``{"brandname": …, "phone": "84912345678", "message": …, "request_id": …}``. The gateway answers
``{"code": "00", "message_id": …}`` on success, or another code with a ``description``.
Codes 01 (bad number), 02 (brandname not registered), 03 (content refused), 04 (no credit)
and 401/403 answers are permanent; 99 (busy), HTTP 429/5xx and timeouts are retried.
"""

import uuid

import httpx
from django.conf import settings

from dichvucong.notifications.providers import SmsProvider, SmsReceipt, SmsSendError

PERMANENT_CODES = {"01", "02", "03", "04"}


class HttpSmsProvider(SmsProvider):
    id = "http"
    required_settings = ("SMS_HTTP_USERNAME", "SMS_HTTP_PASSWORD", "SMS_BRANDNAME")
    url_settings = ("SMS_HTTP_URL",)

    def send(self, *, phone: str, text: str) -> SmsReceipt:
        if not settings.SMS_HTTP_URL:
            raise SmsSendError("SMS_HTTP_URL is not configured", retryable=False)
        body = {
            "brandname": settings.SMS_BRANDNAME,
            "phone": phone.lstrip("+"),
            "message": text,
            "request_id": uuid.uuid4().hex,
        }
        try:
            response = httpx.post(
                settings.SMS_HTTP_URL,
                json=body,
                timeout=settings.SMS_HTTP_TIMEOUT,
                auth=(settings.SMS_HTTP_USERNAME, settings.SMS_HTTP_PASSWORD),
            )
        except httpx.TimeoutException as exc:
            raise SmsSendError("gateway timeout", retryable=True) from exc
        except httpx.HTTPError as exc:
            raise SmsSendError(f"gateway unreachable: {type(exc).__name__}") from exc
        return self._receipt(response)

    @staticmethod
    def _receipt(response: httpx.Response) -> SmsReceipt:
        if response.status_code == 429 or response.status_code >= 500:
            raise SmsSendError(f"gateway HTTP {response.status_code}", retryable=True)
        try:
            data = response.json()
        except ValueError as exc:
            raise SmsSendError(
                f"gateway HTTP {response.status_code}: not JSON",
                retryable=response.status_code < 400,
            ) from exc
        code = str(data.get("code", ""))
        if response.status_code >= 400:
            raise SmsSendError(f"gateway HTTP {response.status_code} {code}", retryable=False)
        if code == "00" and data.get("message_id"):
            return SmsReceipt(provider_message_id=str(data["message_id"])[:100])
        description = str(data.get("description", ""))[:200]
        raise SmsSendError(
            f"gateway code {code}: {description}", retryable=code not in PERMANENT_CODES
        )
