"""The postal provider accepts no callback signed with an empty secret, nor one not in UTF-8."""

import hashlib
import hmac
import json

import pytest

from dichvucong.delivery.providers import InvalidCallback
from dichvucong.delivery.providers.vnpost import VnpostProvider


def _empty_key_hmac(body: bytes) -> str:
    return hmac.new(b"", body, hashlib.sha256).hexdigest()


def test_vnpost_refuses_a_callback_signed_with_the_empty_secret(settings):
    settings.VNPOST_CALLBACK_SECRET = ""
    body = json.dumps({"order_code": "GH1", "status": "delivered"}).encode()
    with pytest.raises(InvalidCallback):
        VnpostProvider().parse_callback(body=body, headers={"X-Signature": _empty_key_hmac(body)})


def test_a_callback_body_that_is_not_utf8_is_refused_not_a_500():
    body = b'{"order_code": "\xff"}'
    with pytest.raises(InvalidCallback):
        VnpostProvider().parse_callback(body=body, headers={"X-Signature": "00"})
