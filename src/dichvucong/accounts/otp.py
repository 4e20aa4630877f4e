"""One-time codes sent by SMS: 6 digits, 5 minutes, 5 tries, 60 s between sends, hourly caps.

Codes live in the cache only as a keyed hash; the SMS itself is marked secret so its text is
blanked after a real gateway accepted it. Nothing here logs a code.
"""

import secrets
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from dichvucong.core.ratelimit import forget, hit
from dichvucong.core.signing import equal, site_hmac_hex
from dichvucong.notifications.messages import register_message
from dichvucong.notifications.models import MessageChannel
from dichvucong.notifications.services import render_template, send_sms

CODE_LENGTH = 6
VALID_SECONDS = 5 * 60
MAX_TRIES = 5
RESEND_AFTER_SECONDS = 60
PHONE_HOURLY_CAP = 5
IP_HOURLY_CAP = 20

# Written with tone marks; only the SMS layer (notifications.sms_text) folds them, if configured.
DEFAULT_TEXTS = {
    "registration": "Mã OTP đăng ký tài khoản Dịch vụ công của bạn là {ma}. "
    "Mã có hiệu lực {phut} phút. Không cung cấp mã này cho bất kỳ ai.",
    "password_reset": "Mã OTP đặt lại mật khẩu Dịch vụ công của bạn là {ma}. "
    "Mã có hiệu lực {phut} phút. Không cung cấp mã này cho bất kỳ ai.",
    "phone_change": "Mã OTP xác nhận số điện thoại mới trên Cổng Dịch vụ công là {ma}. "
    "Mã có hiệu lực {phut} phút.",
}

GENERIC_TEXT = (
    "Mã OTP của bạn trên Cổng Dịch vụ công là {ma}. Mã có hiệu lực {phut} phút. "
    "Không cung cấp mã này cho bất kỳ ai."
)


def template_code(purpose: str) -> str:
    """Return the SMS template code of an OTP purpose."""
    return f"otp-{purpose.replace('_', '-')}"


register_message(
    codes=[template_code(purpose) for purpose in DEFAULT_TEXTS],
    channels=(MessageChannel.SMS,),
    placeholders={"ma": "mã OTP", "phut": "số phút mã còn hiệu lực"},
)


class OtpError(Exception):
    """The code cannot be sent or checked; the message is for the user."""


@dataclass(frozen=True)
class OtpSent:
    """A code was sent; the caller may show when a resend becomes possible."""

    resend_after: int


def _now() -> float:
    return time.time()


def _key(purpose: str, phone: str) -> str:
    return f"otp:{purpose}:{phone}"


def _digest(purpose: str, phone: str, code: str) -> str:
    return site_hmac_hex(f"dichvucong.otp.{purpose}", f"{phone}:{code}")


def _count_hit(key: str, cap: int) -> bool:
    """Count one use in the hour's bucket; return False once the cap is reached."""
    return hit(key, seconds=3600) <= cap


def _tries_key(purpose: str, phone: str, state: dict) -> str:
    # Tied to the code's digest, so a new code starts with no tries.
    return f"otp-tries:{purpose}:{phone}:{state['digest'][:16]}"


def seconds_until_resend(*, purpose: str, phone: str) -> int:
    """Return how many seconds remain before another code may be sent."""
    state = cache.get(_key(purpose, phone))
    if not state:
        return 0
    return max(0, int(state["sent_at"] + RESEND_AFTER_SECONDS - _now() + 0.999))


def issue_otp(*, purpose: str, phone: str, ip: str | None, user=None) -> OtpSent:
    """Draw a new code for the phone, store its hash, and queue the SMS."""
    wait = seconds_until_resend(purpose=purpose, phone=phone)
    if wait:
        raise OtpError(_("Vui lòng chờ %(s)s giây trước khi yêu cầu mã mới.") % {"s": wait})
    hour = int(_now() // 3600)
    if not _count_hit(f"otp-cap:phone:{phone}:{hour}", PHONE_HOURLY_CAP) or (
        ip and not _count_hit(f"otp-cap:ip:{ip}:{hour}", IP_HOURLY_CAP)
    ):
        raise OtpError(_("Đã gửi quá nhiều mã OTP. Vui lòng thử lại sau một giờ."))
    code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
    now = _now()
    state = {
        "digest": _digest(purpose, phone, code),
        "sent_at": now,
        "expires_at": now + VALID_SECONDS,
    }
    cache.set(_key(purpose, phone), state, VALID_SECONDS + RESEND_AFTER_SECONDS)
    text = render_template(
        template_code(purpose),
        {"ma": code, "phut": VALID_SECONDS // 60},
        default=DEFAULT_TEXTS.get(purpose, GENERIC_TEXT),
    )
    send_sms(phone=phone, text=text, purpose=f"otp_{purpose}", user=user, is_secret=True)
    return OtpSent(resend_after=RESEND_AFTER_SECONDS)


def verify_otp(*, purpose: str, phone: str, code: str) -> None:
    """Accept the code once, or raise OtpError; wrong tries count towards invalidation."""
    key = _key(purpose, phone)
    state = cache.get(key)
    if not state or state["expires_at"] < _now():
        raise OtpError(_("Mã OTP đã hết hạn hoặc không còn hiệu lực. Vui lòng yêu cầu mã mới."))
    # Every try is counted before the code is compared, with one atomic increment: requests
    # sent together cannot each see "no tries yet" and so guess more than MAX_TRIES times.
    tries_key = _tries_key(purpose, phone, state)
    tries = hit(tries_key, seconds=VALID_SECONDS + RESEND_AFTER_SECONDS)
    if tries > MAX_TRIES:
        raise OtpError(_("Mã OTP đã hết hạn hoặc không còn hiệu lực. Vui lòng yêu cầu mã mới."))
    candidate = (code or "").strip()
    if equal(state["digest"], _digest(purpose, phone, candidate)):
        cache.delete(key)
        forget(tries_key)
        return
    left = MAX_TRIES - tries
    if left <= 0:
        # The state stays so the resend cooldown still applies, but the code is dead.
        raise OtpError(
            _("Bạn đã nhập sai mã OTP quá %(n)s lần. Mã này đã bị hủy, vui lòng yêu cầu mã mới.")
            % {"n": MAX_TRIES}
        )
    raise OtpError(_("Mã OTP không đúng. Bạn còn %(n)s lần thử.") % {"n": left})
