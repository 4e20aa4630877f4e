"""National sign-in providers (OpenID Connect: VNeID, DVCQG) behind a registry; `demo` signs in
as a fictitious person with no outside service (DEMO_MODE only). docs/IDENTITY.md."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dichvucong.core.providers import load_provider

SSO_PROVIDER_CLASSES = {
    "vneid": "dichvucong.interop.sso.oidc.VneidProvider",
    "dvcqg": "dichvucong.interop.sso.oidc.DvcqgProvider",
    "demo": "dichvucong.interop.sso.demo.DemoSsoProvider",
}


class SsoError(Exception):
    """The sign-in cannot finish (provider down, refused, bad answer); the message is for the
    citizen, the `detail` for the log."""

    def __init__(self, message, detail: str = ""):
        super().__init__(str(message))
        self.message = str(message)
        self.detail = detail


@dataclass(frozen=True)
class SsoStart:
    """Where to send the browser, and what the callback needs to finish (kept in the session)."""

    url: str
    flow: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SsoResult:
    """A finished sign-in: the claims the provider vouched for, and the ID token for logout."""

    claims: dict[str, Any]
    id_token: str = ""


class SsoProvider:
    """Base class of a national sign-in provider."""

    id: str = ""
    label = ""
    verified_via = "VNeID"
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()

    def begin(self, *, redirect_uri: str, state: str) -> SsoStart:
        raise NotImplementedError

    def finish(self, *, params: dict[str, str], flow: dict[str, Any]) -> SsoResult:
        raise NotImplementedError

    def logout_url(self, *, id_token: str, post_logout_redirect_uri: str) -> str | None:
        """The provider's single-logout address, or None when it has none."""
        return None


def get_sso_provider(provider_id: str) -> SsoProvider:
    """Return an enabled provider (ValueError for one that is unknown or not enabled)."""
    if provider_id not in settings.OIDC_PROVIDERS:
        raise ValueError(f"Sign-in provider {provider_id!r} is not enabled")
    return load_provider(SSO_PROVIDER_CLASSES, provider_id, kind="sign-in")


def enabled_sso_providers() -> list[SsoProvider]:
    return [
        load_provider(SSO_PROVIDER_CLASSES, pid, kind="sign-in")
        for pid in settings.OIDC_PROVIDERS
        if pid in SSO_PROVIDER_CLASSES
    ]


PROVIDER_DOWN = _(
    "Không kết nối được với hệ thống định danh quốc gia. Vui lòng thử lại sau ít phút "
    "hoặc đăng nhập bằng tài khoản của Cổng."
)
SIGN_IN_REFUSED = _("Đăng nhập bằng tài khoản định danh không thành công. Vui lòng thử lại.")
