"""ID tokens a correct provider never sends, from a small fake issuer on loopback: each is
refused with a Vietnamese message and no account is created."""

import socket
import time

import pytest
from django.contrib.auth import get_user_model
from joserfc.jwk import RSAKey

from dichvucong.accounts.models import NationalIdentity

pytestmark = pytest.mark.django_db
START = "/dang-nhap/dinh-danh/dvcqg/"
REFUSED = "Đăng nhập bằng tài khoản định danh không thành công"


def _round_trip(client, issuer, make_token):
    """Start at the portal, let the fake issuer answer with `make_token(nonce)`, come back."""
    authorize = client.get(START)["Location"]
    query = issuer.remember(authorize)
    issuer.id_token_for = make_token
    return client.get(START + f"ve/?state={query['state']}&code=some-code")


def _no_account():
    return (
        not get_user_model().objects.filter(id_number="079199000789").exists()
        and not NationalIdentity.objects.exists()
    )


def test_a_good_token_signs_in(client, fake_issuer):
    response = _round_trip(
        client, fake_issuer, lambda nonce: fake_issuer.forge(fake_issuer.good_claims(nonce))
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(id_number="079199000789").exists()


@pytest.mark.parametrize(
    "case",
    ["wrong_key", "expired", "wrong_audience", "wrong_issuer", "wrong_nonce", "no_nonce"],
)
def test_bad_id_tokens_are_refused(client, fake_issuer, case):
    other_key = RSAKey.generate_key(2048, parameters={"kid": "good"})  # same kid, other key

    def make(nonce):
        claims = fake_issuer.good_claims(nonce)
        if case == "wrong_key":
            return fake_issuer.forge(claims, key=other_key)
        if case == "expired":
            claims |= {"iat": int(time.time()) - 3600, "exp": int(time.time()) - 600}
        elif case == "wrong_audience":
            claims["aud"] = "another-portal"
        elif case == "wrong_issuer":
            claims["iss"] = "https://evil.example"
        elif case == "wrong_nonce":
            claims["nonce"] = "replayed-nonce"
        elif case == "no_nonce":
            del claims["nonce"]
        return fake_issuer.forge(claims)

    response = _round_trip(client, fake_issuer, make)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert _no_account()


def test_an_unsigned_token_is_refused(client, fake_issuer):
    def make(nonce):
        import base64
        import json

        def part(value):
            return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

        return f"{part({'alg': 'none'})}.{part(fake_issuer.good_claims(nonce))}."

    response = _round_trip(client, fake_issuer, make)
    assert response.status_code == 400
    assert _no_account()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_provider_down_at_start_is_a_clear_message(client, settings, fake_issuer):
    settings.OIDC_DVCQG_ISSUER = f"http://127.0.0.1:{_closed_port()}"
    response = client.get(START)
    assert response.status_code == 502
    assert "Không kết nối được với hệ thống định danh quốc gia" in response.content.decode()


def test_provider_down_after_the_redirect_creates_nothing(client, fake_issuer):
    authorize = client.get(START)["Location"]
    state = fake_issuer.remember(authorize)["state"]
    fake_issuer.stop()
    response = client.get(START + f"ve/?state={state}&code=some-code")
    assert response.status_code == 502
    assert "Không kết nối được" in response.content.decode()
    assert _no_account()


def test_the_callback_of_a_disabled_provider_is_not_found(client, settings):
    settings.OIDC_PROVIDERS = ["demo"]
    assert client.get(START + "ve/?state=x&code=y").status_code == 404
