"""A remote signing service shaped like NEAC's: `get_certificate` and `sign_file`, files and
certificates travel base64 in JSON. Stub: the protocol's shape, not yet a tested client."""

import base64

from django.conf import settings

from dichvucong.esign.pades import SigningError, Stamp
from dichvucong.esign.signers import DocumentSigner


class RemoteSigner(DocumentSigner):
    """POST {ESIGN_REMOTE_URL}/get_certificate and /sign_file with the client's credentials."""

    id = "remote"
    required_settings = ("ESIGN_REMOTE_CLIENT_ID", "ESIGN_REMOTE_SECRET")
    url_settings = ("ESIGN_REMOTE_URL",)

    def _call(self, method: str, payload: dict) -> dict:
        import httpx

        body = {
            "client_id": settings.ESIGN_REMOTE_CLIENT_ID,
            "client_secret": settings.ESIGN_REMOTE_SECRET,
            **payload,
        }
        url = settings.ESIGN_REMOTE_URL.rstrip("/") + "/" + method
        try:
            response = httpx.post(url, json=body, timeout=30)
            response.raise_for_status()
            return response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SigningError(f"Dịch vụ ký số từ xa không trả lời ({method}): {exc}") from exc

    def get_certificate(self):
        from asn1crypto import x509

        answer = self._call("get_certificate", {})
        return x509.Certificate.load(base64.b64decode(answer["certificate"]))

    def sign_file(self, pdf: bytes, *, stamp: Stamp, reason: str) -> bytes:
        answer = self._call(
            "sign_file",
            {
                "file": base64.b64encode(pdf).decode(),
                "file_type": "pdf",
                "reason": reason,
                "stamp_text": stamp.text(),
            },
        )
        try:
            return base64.b64decode(answer["signed_file"])
        except (KeyError, ValueError) as exc:
            raise SigningError("Dịch vụ ký số từ xa trả về tệp không hợp lệ.") from exc
