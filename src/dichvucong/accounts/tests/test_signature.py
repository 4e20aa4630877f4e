import base64
import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from dichvucong.accounts import signature
from dichvucong.accounts.models import VerificationLevel
from dichvucong.accounts.tests.helpers import (
    GOOD_PASSWORD,
    citizen_details,
    confirm_phone,
    start,
    submit_details,
)
from dichvucong.accounts.tests.signing_ca import NOW, build_test_ca, make_cert, rsa_key

pytestmark = pytest.mark.django_db
ID = "060195001122"


@pytest.fixture(scope="module")
def ca():
    return build_test_ca()


@pytest.fixture
def trusted(ca, settings):
    settings.TRUSTED_SIGNATURE_ROOTS = [ca.root.pem]
    settings.SIGNATURE_CRLS = [ca.crl()]
    return ca


def _sign(issued, data: bytes, scheme="ecdsa") -> bytes:
    if scheme == "pkcs1":
        return issued.key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    if scheme == "pss":
        return issued.key.sign(
            data,
            padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH),
            hashes.SHA256(),
        )
    return issued.key.sign(data, ec.ECDSA(hashes.SHA256()))


def _respond(session, issued, chain_pem, scheme="ecdsa", tamper=False):
    challenge = signature.issue_challenge(session)["challenge"]
    signed = _sign(issued, (challenge + ("x" if tamper else "")).encode(), scheme)
    return signature.verify_response(session=session, certificate=chain_pem, signature=signed)


@pytest.mark.parametrize("scheme", ["ecdsa", "pkcs1", "pss"])
def test_valid_signature_from_a_trusted_chain_is_accepted(trusted, scheme):
    key = rsa_key() if scheme != "ecdsa" else None
    leaf = trusted.leaf(ID, key=key)
    signer = _respond({}, leaf, leaf.pem + trusted.intermediate.pem, scheme)
    assert signer.carries(ID) and len(signer.fingerprint) == 64


def test_der_certificate_is_accepted(trusted):
    from cryptography.hazmat.primitives.serialization import Encoding

    leaf = make_cert(trusted.leaf(ID).cert.subject, trusted.leaf(ID).key, trusted.root, ca=False)
    der = leaf.cert.public_bytes(Encoding.DER)
    assert _respond({}, leaf, der).carries(ID)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("tampered", "Chữ ký số không hợp lệ."),
        ("expired", "Chứng thư số đã hết hạn hoặc chưa có hiệu lực."),
        ("not_yet_valid", "Chứng thư số đã hết hạn hoặc chưa có hiệu lực."),
        ("no_digital_signature", "Chứng thư số không được phép dùng để ký số."),
        ("untrusted", "Chứng thư số không do tổ chức chứng thực tin cậy cấp."),
        ("missing_intermediate", "Chứng thư số không do tổ chức chứng thực tin cậy cấp."),
        ("revoked", "Chứng thư số đã bị thu hồi."),
    ],
)
def test_bad_certificates_and_signatures_are_refused(trusted, settings, case, message):
    kwargs = {
        "expired": {
            "not_before": NOW - dt.timedelta(days=400),
            "not_after": NOW - dt.timedelta(days=1),
        },
        "not_yet_valid": {"not_before": NOW + dt.timedelta(days=1)},
        "no_digital_signature": {"digital_signature": False},
    }.get(case, {})
    leaf = trusted.leaf(ID, **kwargs)
    chain = leaf.pem + trusted.intermediate.pem
    if case == "untrusted":
        other = build_test_ca()
        leaf = other.leaf(ID)
        chain = leaf.pem + other.intermediate.pem
    if case == "missing_intermediate":
        chain = leaf.pem
    if case == "revoked":
        settings.SIGNATURE_CRLS = [trusted.crl(leaf.cert)]
    with pytest.raises(signature.SignatureError, match=message):
        _respond({}, leaf, chain, tamper=case == "tampered")


def test_challenge_is_one_time_and_expires(trusted, monkeypatch):
    leaf = trusted.leaf(ID)
    session = {}
    challenge = signature.issue_challenge(session)["challenge"]
    signed = _sign(leaf, challenge.encode())
    chain = leaf.pem + trusted.intermediate.pem
    signature.verify_response(session=session, certificate=chain, signature=signed)
    with pytest.raises(signature.SignatureError, match="hết hạn hoặc đã được dùng"):
        signature.verify_response(session=session, certificate=chain, signature=signed)
    challenge = signature.issue_challenge(session)["challenge"]
    session[signature.SESSION_KEY]["expires"] = 0
    with pytest.raises(signature.SignatureError, match="hết hạn"):
        signature.verify_response(
            session=session, certificate=chain, signature=_sign(leaf, challenge.encode())
        )


def _start_usb_registration(client):
    start(client, method="usb_token")
    response = submit_details(client, citizen_details())
    assert response["Location"] == reverse("accounts:register_otp")  # the phone first
    response = confirm_phone(client)
    assert response["Location"] == reverse("accounts:register_signature")


def test_registration_by_usb_token_through_the_plugin_api_gives_level_high(trusted):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("accounts:register"))
    token = client.cookies["csrftoken"].value
    client.post(
        reverse("accounts:register"),
        {
            "account_type": "citizen",
            "verification_method": "usb_token",
            "csrfmiddlewaretoken": token,
        },
    )
    client.get(reverse("accounts:register_details"))
    client.post(
        reverse("accounts:register_details"),
        citizen_details()
        | {"captcha": client.session["captcha_answer"], "csrfmiddlewaretoken": token},
    )
    confirm_phone(client, csrfmiddlewaretoken=token)
    # Without the CSRF header the plug-in API refuses.
    assert client.post(reverse("accounts:signature_challenge")).status_code == 403
    answer = client.post(reverse("accounts:signature_challenge"), HTTP_X_CSRFTOKEN=token).json()
    leaf = trusted.leaf(ID, key=rsa_key())
    body = {
        "certificate": leaf.pem + trusted.intermediate.pem,
        "signature": base64.b64encode(_sign(leaf, answer["challenge"].encode(), "pss")).decode(),
    }
    response = client.post(
        reverse("accounts:signature_verify"),
        json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200 and response.json()["ok"] is True
    client.post(
        reverse("accounts:register_password"),
        {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD, "csrfmiddlewaretoken": token},
    )
    user = get_user_model().objects.get(id_number=ID)
    assert user.verification_level == VerificationLevel.HIGH
    assert user.verification_method == "usb_token" and len(user.certificate_fingerprint) == 64


def test_someone_elses_certificate_is_refused(client, trusted):
    _start_usb_registration(client)
    challenge = client.post(reverse("accounts:signature_challenge")).json()["challenge"]
    leaf = trusted.leaf("060190009999")
    response = client.post(
        reverse("accounts:signature_verify"),
        json.dumps(
            {
                "certificate": leaf.pem + trusted.intermediate.pem,
                "signature": base64.b64encode(_sign(leaf, challenge.encode())).decode(),
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "không mang số định danh" in response.json()["error"]
    assert client.get(reverse("accounts:register_password")).status_code == 302


def test_sim_signature_by_the_paste_form(client, trusted):
    start(client, method="sim_signature")
    submit_details(client, citizen_details())
    confirm_phone(client)
    client.get(reverse("accounts:register_signature"))
    challenge = client.session[signature.SESSION_KEY]["value"]
    leaf = trusted.leaf(ID)
    response = client.post(
        reverse("accounts:register_signature"),
        {
            "certificate": leaf.pem + trusted.intermediate.pem,
            "signature": base64.b64encode(_sign(leaf, challenge.encode())).decode(),
        },
    )
    assert response["Location"] == reverse("accounts:register_password")


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[]",
        b'{"certificate": "x"}',
        b'{"certificate": "garbage", "signature": "AAAA"}',
        b'{"certificate": "x", "signature": "***"}',
    ],
)
def test_malformed_api_requests_get_400_not_500(client, trusted, body):
    _start_usb_registration(client)
    client.post(reverse("accounts:signature_challenge"))
    response = client.post(
        reverse("accounts:signature_verify"), body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["ok"] is False


def test_unreadable_trust_configuration_refuses_without_a_500(trusted, settings):
    leaf = trusted.leaf(ID)
    settings.SIGNATURE_CRLS = ["/nonexistent/ca.crl"]
    with pytest.raises(signature.SignatureError, match="chưa kiểm tra được"):
        _respond({}, leaf, leaf.pem + trusted.intermediate.pem)
    settings.TRUSTED_SIGNATURE_ROOTS = ["/nonexistent/root.pem"]
    with pytest.raises(signature.SignatureError, match="chưa kiểm tra được"):
        _respond({}, leaf, leaf.pem + trusted.intermediate.pem)
