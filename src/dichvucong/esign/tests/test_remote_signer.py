"""The remote signing provider against a fake NEAC-style service on loopback."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from dichvucong.esign.pades import SigningError, Stamp
from dichvucong.esign.tests.fake_remote import FakeRemoteSigner
from dichvucong.esign.tests.helpers import SIGNED_AT, small_pdf, use_remote_signer
from dichvucong.esign.verify import State, verify_pdf


@pytest.fixture
def service(demo_signer, demo_ca_dir, settings):
    demo_signer.get_certificate()  # the demo CA exists from here on
    with FakeRemoteSigner(demo_ca_dir) as fake:
        use_remote_signer(settings, fake.url)
        yield fake


def _sign():
    from dichvucong.esign.signers import current_signer

    signer = current_signer()
    stamp = Stamp(signer=signer.signer_name(), agency="UBND xã Hàm Thắng", signed_at=SIGNED_AT)
    return signer.sign_file(small_pdf(), stamp=stamp, reason="Phê duyệt kết quả")


def test_the_remote_service_signs_the_hash_and_the_copy_validates(service):
    signed = _sign()

    verdict = verify_pdf(signed)
    assert verdict.state == State.VALID, verdict.reason
    assert verdict.last.signer == "Cơ quan giải quyết TTHC (demo)"
    # Only the 32-byte digest went to the service, never the document.
    sign_calls = [json.loads(body) for path, body in service.requests if path == "/sign_file"]
    assert len(sign_calls) == 1 and len(service.signed_digests) == 1
    assert all(b"%PDF" not in body for _, body in service.requests)


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ("error", "báo lỗi HTTP 503"),
        ("slow", "không trả lời kịp"),
        ("wrong", "chữ ký không khớp với chứng thư số"),
        ("garbage", "chữ ký không hợp lệ"),
    ],
)
def test_a_failing_service_is_a_clear_signing_error(service, settings, reply, message):
    service.reply = reply
    if reply == "slow":  # answers after 3 s, the portal waits 1 s
        settings.ESIGN_REMOTE_TIMEOUT, service.delay = 1, 3.0

    with pytest.raises(SigningError, match=message):
        _sign()


def test_wrong_credentials_are_refused_with_the_status(service, settings):
    settings.ESIGN_REMOTE_SECRET = "sai"

    with pytest.raises(SigningError, match="HTTP 401"):
        _sign()


def test_an_enabled_remote_signer_without_its_secret_refuses_to_start(settings):
    settings.ESIGN_SIGNER = "remote"
    settings.ESIGN_REMOTE_URL = "https://ky-so.example.vn/api"
    settings.ESIGN_REMOTE_CLIENT_ID = "dvc"
    settings.ESIGN_REMOTE_SECRET = ""

    with pytest.raises(SystemCheckError, match="ESIGN_REMOTE_SECRET is empty"):
        call_command("check")
