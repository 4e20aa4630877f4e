"""The demo signing means: the demo CA issues the person a certificate and a built-in
"phone" page (`accounts:signature_demo_phone`) confirms or refuses the sign request.

Requests live in `SystemValue` rows (shared by every process of `make run`), one per request,
under an unguessable id; the demo CA's root must be trusted (ESIGN_SIGNER=demo, the default,
or ESIGN_TRUST_DEMO_CA=1), else the signature is refused as untrusted.
"""

import base64
import datetime as dt
import json
import secrets
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.models import VerificationMethod
from dichvucong.accounts.signing_means import SignatureProvider, SignRequest, SignStatus, State
from dichvucong.core.models import SystemValue
from dichvucong.core.state import read_value, write_value

PREFIX = "demo-sign:"


def _key(transaction_id: str) -> str:
    return PREFIX + transaction_id


def pending_request(transaction_id: str) -> dict | None:
    """Return a demo sign request still waiting for the phone, or None."""
    row = read_value(_key(transaction_id))
    if row is None:
        return None
    request = json.loads(row.value)
    if request["state"] == State.PENDING and request["expires"] < time.time():
        request["state"] = State.EXPIRED
    return request if request["state"] == State.PENDING else None


def answer_request(transaction_id: str, *, confirm: bool) -> bool:
    """Sign (confirm) or refuse a pending demo request; False when it is no longer pending."""
    from dichvucong.esign.demo_ca import issue_person_certificate

    request = pending_request(transaction_id)
    if request is None:
        return False
    if confirm:
        issued = issue_person_certificate(
            id_number=request["id_number"], full_name=request["full_name"]
        )
        signature = issued.key.sign(base64.b64decode(request["data"]), ec.ECDSA(hashes.SHA256()))
        request |= {
            "state": State.SIGNED,
            "certificate": issued.certificate_pem.decode(),
            "signature": base64.b64encode(signature).decode(),
        }
    else:
        request["state"] = State.REFUSED
    write_value(_key(transaction_id), json.dumps(request))
    return True


class DemoProvider(SignatureProvider):
    id = "demo"
    label = _("Ký bằng chứng thư số demo")
    help = _(
        "Bản chạy thử: CA demo cấp cho bạn một chứng thư số mang số định danh đã khai. Mở trang "
        "“điện thoại” demo và xác nhận ký, như khi xác nhận trên điện thoại thật."
    )
    methods = frozenset({VerificationMethod.USB_TOKEN, VerificationMethod.SIM_SIGNATURE})
    demo_only = True

    def start(
        self, *, id_number: str, full_name: str, data: bytes, description: str
    ) -> SignRequest:
        transaction_id = secrets.token_urlsafe(24)
        wait = settings.SIGNATURE_REMOTE_WAIT_SECONDS
        # Old requests are of no use to anyone: keep the table small.
        an_hour_ago = timezone.now() - dt.timedelta(hours=1)
        SystemValue.objects.filter(key__startswith=PREFIX, updated_at__lt=an_hour_ago).delete()
        request = {
            "id_number": id_number,
            "full_name": full_name,
            "data": base64.b64encode(data).decode(),
            "description": description,
            "state": State.PENDING,
            "expires": time.time() + wait,
        }
        write_value(_key(transaction_id), json.dumps(request))
        url = reverse("accounts:signature_demo_phone", args=[transaction_id])
        return SignRequest(transaction_id, wait, confirm_url=url)

    def status(self, *, transaction_id: str) -> SignStatus:
        row = read_value(_key(transaction_id))
        if row is None:
            return SignStatus(State.EXPIRED)
        request = json.loads(row.value)
        if request["state"] == State.SIGNED:
            return SignStatus(
                State.SIGNED, request["certificate"], base64.b64decode(request["signature"])
            )
        if request["state"] == State.PENDING and request["expires"] < time.time():
            return SignStatus(State.EXPIRED)
        return SignStatus(request["state"])
