"""A server-side sign request bound to the visitor's session and its one-time challenge."""

import time
from dataclasses import dataclass

from django.utils.translation import gettext as _

from dichvucong.accounts import signature
from dichvucong.accounts.signing_means import (
    RemoteSigningError,
    SignatureProvider,
    State,
    enabled_provider,
)

REMOTE_KEY = "signature_remote"


@dataclass(frozen=True)
class RemoteCheck:
    """Still waiting (`signer` None) or done (the verified signer)."""

    signer: signature.VerifiedSigner | None = None


def pending(session) -> dict | None:
    """Return the session's sign request waiting for the phone (provider, id, demo page)."""
    return session.get(REMOTE_KEY)


def cancel(session) -> None:
    """Forget the session's sign request and its challenge."""
    session.pop(REMOTE_KEY, None)
    session.pop(signature.SESSION_KEY, None)


def start_remote(session, provider: SignatureProvider, *, id_number: str, full_name: str) -> dict:
    """Issue a fresh challenge and ask the provider to have the person sign it."""
    challenge = signature.issue_challenge(session)["challenge"]
    try:
        request = provider.start(
            id_number=id_number,
            full_name=full_name,
            data=challenge.encode(),
            description=_("Xác minh tài khoản Cổng Dịch vụ công bằng chữ ký số"),
        )
    except RemoteSigningError:
        cancel(session)
        raise
    entry = {
        "provider": provider.id,
        "transaction": request.transaction_id,
        "confirm_url": request.confirm_url,
        "expires": time.time() + request.expires_in,
    }
    session[REMOTE_KEY] = entry
    return entry


def check_remote(session, *, method: str) -> RemoteCheck:
    """Ask the provider once; verify the answer when signed. Raise SignatureError (the
    request is over: refused, expired, bad answer) or RemoteSigningError (try again later)."""
    entry = pending(session)
    provider = enabled_provider(entry["provider"], method) if entry else None
    if provider is None:
        cancel(session)
        raise signature.SignatureError(_("Chưa có yêu cầu ký nào đang chờ. Vui lòng gửi lại."))
    status = provider.status(transaction_id=entry["transaction"])
    if status.state == State.PENDING and entry["expires"] >= time.time():
        return RemoteCheck()
    if status.state != State.SIGNED:
        cancel(session)
    if status.state == State.REFUSED:
        raise signature.SignatureError(
            _("Bạn đã từ chối yêu cầu ký trên điện thoại. Tài khoản chưa được xác minh.")
        )
    if status.state != State.SIGNED:
        raise signature.SignatureError(
            _(
                "Hết thời gian chờ xác nhận ký trên điện thoại. Tài khoản chưa được xác minh; "
                "vui lòng gửi lại yêu cầu."
            )
        )
    session.pop(REMOTE_KEY, None)
    signer = signature.verify_response(
        session=session, certificate=status.certificate, signature=status.signature
    )
    return RemoteCheck(signer)
