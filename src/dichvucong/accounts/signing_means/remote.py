"""A remote-signing service (SIM PKI / cloud CA): the portal asks, the person confirms on
their phone, the portal polls for the certificate and the signature.

The shape (docs/IDENTITY.md), JSON over HTTPS under SIGNATURE_REMOTE_URL; every request carries
`X-Client-Id` and `X-Signature` = hex HMAC-SHA256 of the request body (POST) or path (GET) with
SIGNATURE_REMOTE_SECRET:

    POST /sign-requests  {"user_id": "<ID number>", "data": "<base64>", "hash": "sha256",
                          "description": "...", "expires_in": 300}
      ← 201 {"transaction_id": "...", "expires_in": 300}   404 {"error": "unknown_user"}
    GET  /sign-requests/<transaction_id>
      ← 200 {"status": "pending" | "signed" | "refused" | "expired",
             "certificate": ["<base64 DER, signer first>", ...], "signature": "<base64>"}

The answer itself is not trusted: the portal checks the signature and the certificate chain.
"""

import base64
import binascii
import json
import logging
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dichvucong.accounts.models import VerificationMethod
from dichvucong.accounts.signing_means import (
    RemoteSigningError,
    SignatureProvider,
    SignRequest,
    SignStatus,
    State,
)
from dichvucong.core.signing import hmac_hex

logger = logging.getLogger(__name__)
STATES = {State.PENDING, State.SIGNED, State.REFUSED, State.EXPIRED}


def _unreachable() -> RemoteSigningError:
    return RemoteSigningError(_("Dịch vụ ký số từ xa không trả lời. Vui lòng thử lại sau ít phút."))


def der_chain_to_pem(items) -> str:
    """Turn a list of base64 DER certificates into one PEM chain (ValueError when bad)."""
    if not isinstance(items, list) or not items:
        raise ValueError("no certificate")
    pems = []
    for item in items:
        der = base64.b64decode(str(item), validate=True)
        pems.append(x509.load_der_x509_certificate(der).public_bytes(Encoding.PEM).decode())
    return "".join(pems)


class RemoteProvider(SignatureProvider):
    id = "remote"
    label = gettext_lazy("Ký bằng SIM ký số / ký số từ xa")
    help = gettext_lazy(
        "Cổng gửi yêu cầu ký đến điện thoại của bạn. Mở thông báo trên điện thoại, kiểm tra "
        "nội dung và xác nhận ký (nhập mã PIN của SIM ký số hoặc của ứng dụng ký số)."
    )
    methods = frozenset({VerificationMethod.SIM_SIGNATURE, VerificationMethod.USB_TOKEN})
    required_settings = ("SIGNATURE_REMOTE_CLIENT_ID", "SIGNATURE_REMOTE_SECRET")
    url_settings = ("SIGNATURE_REMOTE_URL",)

    def _headers(self, signed: bytes) -> dict[str, str]:
        return {
            "X-Client-Id": settings.SIGNATURE_REMOTE_CLIENT_ID,
            "X-Signature": hmac_hex(settings.SIGNATURE_REMOTE_SECRET, signed),
            "Content-Type": "application/json",
        }

    def _call(self, method: str, path: str, body: bytes | None = None):
        import httpx

        url = settings.SIGNATURE_REMOTE_URL.rstrip("/") + path
        signed = body if body is not None else path.encode()
        try:
            response = httpx.request(
                method,
                url,
                content=body,
                headers=self._headers(signed),
                timeout=settings.SIGNATURE_REMOTE_TIMEOUT,
            )
        except httpx.HTTPError as exc:
            logger.warning("remote signing service unreachable: %s", exc)
            raise _unreachable() from exc
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            answer = {}
        return response.status_code, answer

    def start(
        self, *, id_number: str, full_name: str, data: bytes, description: str
    ) -> SignRequest:
        body = json.dumps(
            {
                "user_id": id_number,
                "data": base64.b64encode(data).decode(),
                "hash": "sha256",
                "description": description,
                "expires_in": settings.SIGNATURE_REMOTE_WAIT_SECONDS,
            }
        ).encode()
        status, answer = self._call("POST", "/sign-requests", body)
        if status == 404 and answer.get("error") == "unknown_user":
            raise RemoteSigningError(
                _("Số định danh này chưa đăng ký dịch vụ ký số từ xa với nhà cung cấp.")
            )
        transaction_id = str(answer.get("transaction_id") or "")
        if status not in (200, 201) or not transaction_id:
            logger.warning("remote signing refused the request: %s %s", status, answer)
            raise _unreachable()
        expires_in = answer.get("expires_in")
        return SignRequest(
            transaction_id,
            expires_in if isinstance(expires_in, int) else settings.SIGNATURE_REMOTE_WAIT_SECONDS,
        )

    def status(self, *, transaction_id: str) -> SignStatus:
        status, answer = self._call("GET", "/sign-requests/" + quote(transaction_id, safe=""))
        state = answer.get("status")
        if status != 200 or state not in STATES:
            logger.warning("remote signing status unreadable: %s %s", status, answer)
            raise _unreachable()
        if state != State.SIGNED:
            return SignStatus(state)
        try:
            certificate = der_chain_to_pem(answer.get("certificate"))
            signature = base64.b64decode(str(answer.get("signature") or ""), validate=True)
        except (ValueError, binascii.Error) as exc:
            raise RemoteSigningError(
                _("Dịch vụ ký số từ xa trả về chứng thư hoặc chữ ký không đọc được.")
            ) from exc
        return SignStatus(State.SIGNED, certificate, signature)
