"""The demo sign-in provider (DEMO_MODE only): a built-in page lets the demo sign in as one of a
few fictitious people, with no outside service.

It is a separate provider class, not an OpenID issuer: `begin` sends the browser to the
portal's own chooser page, which hands back a one-time code in the cache; `finish` redeems it
for the person's claims. The state check, the claim mapping, account linking, the stored level
and logout are the same code path as VNeID/DVCQG (only the token exchange differs).
"""

import secrets
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dichvucong.interop.sso import SIGN_IN_REFUSED, SsoError, SsoProvider, SsoResult, SsoStart

CODE_SECONDS = 120

# Fictitious people (DVCQG-shaped claims). Numbers are made up and belong to nobody.
DEMO_PEOPLE: dict[str, dict[str, Any]] = {
    "citizen": {
        "sub": "demo-citizen-1",
        "LoaiTaiKhoan": 1,
        "SoDinhDanh": "068190000111",
        "HoVaTen": "Trần Thị Minh Họa",
        "NgayThangNamSinh": "1990-03-08",
        "TechID": "demo-tech-1",
        "loAs": "LoA2",
        "IAL": "2",
        "email": "minh.hoa@example.invalid",
    },
    "citizen-level1": {
        "sub": "demo-citizen-2",
        "LoaiTaiKhoan": 1,
        "SoDinhDanh": "068085000222",
        "HoVaTen": "Lê Văn Thử",
        "NgayThangNamSinh": "1985-11-20",
        "TechID": "demo-tech-2",
        "loAs": "LoA1",
        "IAL": "1",
    },
    "business": {
        "sub": "demo-business-1",
        "LoaiTaiKhoan": 2,
        "SoDinhDanh": "5800000001",
        "HoVaTen": "Công ty TNHH Minh Họa Lâm Đồng",
        "TechID": "demo-tech-3",
        "loAs": "LoA2",
        "IAL": "2",
    },
}


def issue_demo_code(person_key: str) -> str:
    """Store the chosen person under a fresh one-time code (the chooser page's answer)."""
    code = secrets.token_urlsafe(24)
    cache.set(f"sso-demo-code:{code}", person_key, CODE_SECONDS)
    return code


class DemoSsoProvider(SsoProvider):
    id = "demo"
    label = _("Đăng nhập bằng tài khoản định danh (bản thử nghiệm)")
    verified_via = "VNeID (thử nghiệm)"

    def begin(self, *, redirect_uri: str, state: str) -> SsoStart:
        url = reverse("interop:demo_chooser") + "?" + urlencode({"state": state})
        return SsoStart(url=url, flow={})

    def finish(self, *, params: dict[str, str], flow: dict[str, Any]) -> SsoResult:
        code = params.get("code", "")
        key = cache.get(f"sso-demo-code:{code}") if code and settings.DEMO_MODE else None
        if key is None or key not in DEMO_PEOPLE:
            raise SsoError(SIGN_IN_REFUSED, "demo: unknown or used code")
        cache.delete(f"sso-demo-code:{code}")  # one use, like a real authorization code
        return SsoResult(claims=dict(DEMO_PEOPLE[key]), id_token="")
