"""OpenID Connect client for the national sign-in (authorization code + PKCE, nonce, state).

authlib builds the authorization request and redeems the code; joserfc (authlib's JOSE
library) checks the ID token: signature against the provider's JWKS, `iss`, `aud`, `exp`,
`nonce`. Endpoints come from the provider's discovery document unless configured one by one.
Settings per provider id X: OIDC_X_ISSUER, OIDC_X_DISCOVERY_URL, OIDC_X_CLIENT_ID,
OIDC_X_CLIENT_SECRET, OIDC_X_SCOPES, OIDC_X_ACR_VALUES and the optional endpoint overrides
OIDC_X_AUTHORIZATION_ENDPOINT, _TOKEN_ENDPOINT, _JWKS_URI, _USERINFO_ENDPOINT,
_END_SESSION_ENDPOINT (docs/IDENTITY.md).
"""

import logging
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.httpx_client import OAuth2Client
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from dichvucong.interop.sso import (
    PROVIDER_DOWN,
    SIGN_IN_REFUSED,
    SsoError,
    SsoProvider,
    SsoResult,
    SsoStart,
)

logger = logging.getLogger(__name__)

ID_TOKEN_ALGORITHMS = ["RS256", "PS256", "ES256"]
ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri")
OPTIONAL_ENDPOINTS = ("userinfo_endpoint", "end_session_endpoint")
METADATA_CACHE_SECONDS = 600


class OidcProvider(SsoProvider):
    """A standard OpenID Connect provider configured from OIDC_<ID>_* settings."""

    def _setting(self, name: str, default: str = "") -> str:
        return str(getattr(settings, f"OIDC_{self.id.upper()}_{name}", "") or default).strip()

    @property
    def required_settings(self) -> tuple[str, ...]:
        prefix = f"OIDC_{self.id.upper()}_"
        return (prefix + "CLIENT_ID", prefix + "CLIENT_SECRET")

    @property
    def url_settings(self) -> tuple[str, ...]:
        return (f"OIDC_{self.id.upper()}_ISSUER",)

    @property
    def issuer(self) -> str:
        return self._setting("ISSUER")

    @property
    def client_id(self) -> str:
        return self._setting("CLIENT_ID")

    def _timeout(self) -> float:
        return float(settings.OIDC_HTTP_TIMEOUT_SECONDS)

    def _get_json(self, url: str, **kwargs) -> dict[str, Any]:
        try:
            response = httpx.get(url, timeout=self._timeout(), **kwargs)
            response.raise_for_status()
            value = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SsoError(PROVIDER_DOWN, f"{self.id}: GET {url}: {exc!r}") from exc
        if not isinstance(value, dict):
            raise SsoError(PROVIDER_DOWN, f"{self.id}: GET {url}: not a JSON object")
        return value

    def metadata(self) -> dict[str, Any]:
        """The provider's endpoints: configured ones win over the discovery document's."""
        configured = {name: self._setting(name.upper()) for name in ENDPOINTS + OPTIONAL_ENDPOINTS}
        if all(configured[name] for name in ENDPOINTS):
            return configured
        url = self._setting(
            "DISCOVERY_URL", self.issuer.rstrip("/") + "/.well-known/openid-configuration"
        )
        key = f"oidc-metadata:{url}"
        discovered = cache.get(key)
        if discovered is None:
            discovered = self._get_json(url)
            if discovered.get("issuer", "").rstrip("/") != self.issuer.rstrip("/"):
                raise SsoError(PROVIDER_DOWN, f"{self.id}: discovery issuer mismatch")
            cache.set(key, discovered, METADATA_CACHE_SECONDS)
        merged = {name: configured[name] or discovered.get(name, "") for name in configured}
        if not all(merged[name] for name in ENDPOINTS):
            raise SsoError(PROVIDER_DOWN, f"{self.id}: discovery lacks an endpoint")
        return merged

    def _client(self, redirect_uri: str) -> OAuth2Client:
        return OAuth2Client(
            client_id=self.client_id,
            client_secret=self._setting("CLIENT_SECRET"),
            scope=self._setting("SCOPES", "openid"),
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            token_endpoint_auth_method="client_secret_basic",  # noqa: S106
            timeout=self._timeout(),
        )

    def begin(self, *, redirect_uri: str, state: str) -> SsoStart:
        endpoints = self.metadata()
        nonce = generate_token(32)
        verifier = generate_token(64)
        extra = {"nonce": nonce}
        if acr := self._setting("ACR_VALUES"):
            extra["acr_values"] = acr
        with self._client(redirect_uri) as client:
            url, _state = client.create_authorization_url(
                endpoints["authorization_endpoint"], state=state, code_verifier=verifier, **extra
            )
        return SsoStart(
            url=url, flow={"nonce": nonce, "verifier": verifier, "redirect_uri": redirect_uri}
        )

    def finish(self, *, params: dict[str, str], flow: dict[str, Any]) -> SsoResult:
        if params.get("error"):
            raise SsoError(SIGN_IN_REFUSED, f"{self.id}: provider error {params.get('error')}")
        code = params.get("code", "")
        if not code:
            raise SsoError(SIGN_IN_REFUSED, f"{self.id}: no code")
        endpoints = self.metadata()
        try:
            with self._client(flow["redirect_uri"]) as client:
                token = client.fetch_token(
                    endpoints["token_endpoint"],
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=flow["verifier"],
                )
        except OAuthError as exc:
            raise SsoError(SIGN_IN_REFUSED, f"{self.id}: token endpoint: {exc!r}") from exc
        except (httpx.HTTPError, ValueError) as exc:
            raise SsoError(PROVIDER_DOWN, f"{self.id}: token endpoint: {exc!r}") from exc
        id_token = token.get("id_token") or ""
        if not id_token:
            raise SsoError(SIGN_IN_REFUSED, f"{self.id}: no id_token")
        claims = self.verify_id_token(id_token, nonce=flow["nonce"], jwks_uri=endpoints["jwks_uri"])
        if endpoints.get("userinfo_endpoint") and token.get("access_token"):
            extra = self._get_json(
                endpoints["userinfo_endpoint"],
                headers={"Authorization": f"Bearer {token['access_token']}"},
            )
            if extra.get("sub") != claims["sub"]:
                raise SsoError(SIGN_IN_REFUSED, f"{self.id}: userinfo sub mismatch")
            claims = {**extra, **claims}
        return SsoResult(claims=claims, id_token=id_token)

    def verify_id_token(self, id_token: str, *, nonce: str, jwks_uri: str) -> dict[str, Any]:
        """Check the signature (JWKS) and `iss`, `aud`, `exp`, `nonce`; return the claims."""
        keys = self._get_json(jwks_uri)
        try:
            token = jwt.decode(
                id_token, KeySet.import_key_set(keys), algorithms=ID_TOKEN_ALGORITHMS
            )
            jwt.JWTClaimsRegistry(
                leeway=settings.OIDC_CLOCK_LEEWAY_SECONDS,
                iss={"essential": True, "value": self.issuer},
                aud={"essential": True, "value": self.client_id},
                sub={"essential": True},
                exp={"essential": True},
                nonce={"essential": True, "value": nonce},
            ).validate(token.claims)
        except (JoseError, ValueError, TypeError) as exc:
            raise SsoError(SIGN_IN_REFUSED, f"{self.id}: id_token refused: {exc!r}") from exc
        return dict(token.claims)

    def logout_url(self, *, id_token: str, post_logout_redirect_uri: str) -> str | None:
        try:
            endpoint = self.metadata().get("end_session_endpoint")
        except SsoError:
            logger.warning("%s: no metadata for single logout", self.id)
            return None
        if not endpoint:
            return None
        query = {"post_logout_redirect_uri": post_logout_redirect_uri, "client_id": self.client_id}
        if id_token:
            query["id_token_hint"] = id_token
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{urlencode(query)}"


class VneidProvider(OidcProvider):
    id = "vneid"
    label = _("Đăng nhập bằng tài khoản định danh điện tử VNeID")


class DvcqgProvider(OidcProvider):
    id = "dvcqg"
    label = _("Đăng nhập bằng tài khoản Cổng Dịch vụ công quốc gia")
