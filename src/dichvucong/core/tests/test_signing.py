"""The one home of HMAC signing: published example values, and an empty key never verifies."""

import hashlib
import hmac

import pytest

from dichvucong.core.signing import (
    EmptyKeyError,
    canonical_query,
    equal,
    hmac_hex,
    hmac_matches,
    same_digest,
)


def test_hmac_matches_the_published_rfc4231_example_values():
    # RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assert hmac_hex("Jefe", "what do ya want for nothing?", "sha512").startswith(
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
    )
    assert hmac_hex("Jefe", b"what do ya want for nothing?", "sha256") == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )


@pytest.mark.parametrize("key", ["", b"", None])
def test_an_empty_key_refuses_to_sign(key):
    with pytest.raises(EmptyKeyError):
        hmac_hex(key, "vnp_Amount=100", "sha512")


def test_a_message_signed_with_the_empty_key_never_verifies():
    forged = hmac.new(b"", b"vnp_Amount=100", hashlib.sha512).hexdigest()
    assert not hmac_matches("", "vnp_Amount=100", forged, "sha512")
    assert not hmac_matches(None, "vnp_Amount=100", forged, "sha512")
    assert hmac_matches("k", "m", hmac_hex("k", "m").upper())
    assert not hmac_matches("k", "m", "")


def test_comparisons_are_exact_or_case_blind_and_empty_never_matches():
    assert equal("AbC", "AbC") and not equal("AbC", "abc")
    assert same_digest("ABCDEF", "abcdef")
    assert not equal("", "") and not same_digest(None, "")


def test_canonical_query_sorts_form_encodes_and_leaves_out_empty_values():
    query = canonical_query({"b": "x y", "a": "é&", "c": "", "d": None})
    assert query == "a=%C3%A9%26&b=x+y"
