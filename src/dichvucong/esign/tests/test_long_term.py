"""PAdES B-T / B-LT: an RFC 3161 timestamp from a TSA on loopback, embedded validation data,
and certificates that expired or were revoked."""

import datetime as dt
from io import BytesIO

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509

from dichvucong.esign.pades import SigningError, Stamp
from dichvucong.esign.tests.fake_tsa import FakeTSA
from dichvucong.esign.tests.helpers import SIGNED_AT, small_pdf
from dichvucong.esign.verify import State, verify_pdf


def _sign(signer) -> bytes:
    stamp = Stamp(signer=signer.signer_name(), agency="UBND xã Hàm Thắng", signed_at=SIGNED_AT)
    return signer.sign_file(small_pdf(), stamp=stamp, reason="Phê duyệt kết quả")


@pytest.fixture
def tsa(demo_signer, demo_ca_dir, settings):
    demo_signer.get_certificate()  # the demo CA exists from here on
    with FakeTSA(demo_ca_dir) as fake:
        settings.ESIGN_TSA_URL = fake.url + "/tsa"
        yield fake


def test_with_a_tsa_configured_the_signature_carries_its_timestamp(tsa, demo_signer):
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = _sign(demo_signer)

    verdict = verify_pdf(signed)
    assert verdict.state == State.VALID, verdict.reason
    # The time is the TSA's, not the signer's claim printed on the stamp (SIGNED_AT).
    assert verdict.last.timestamped_at is not None
    assert verdict.last.signed_at == verdict.last.timestamped_at
    assert verdict.last.timestamped_at == tsa.issued[-1]  # the moment the TSA put in its token
    # The token sits in the signature's unsigned attributes; the TSA was asked over HTTP.
    embedded = PdfFileReader(BytesIO(signed)).embedded_signatures[0]
    unsigned = embedded.signer_info["unsigned_attrs"].native
    assert [a["type"] for a in unsigned] == ["signature_time_stamp_token"]
    assert any(path == "/tsa" for path, _ in tsa.requests)


def test_without_a_tsa_no_timestamp_is_embedded(demo_signer, settings):
    settings.ESIGN_TSA_URL = ""

    verdict = verify_pdf(_sign(demo_signer))

    assert verdict.state == State.VALID
    assert verdict.last.timestamped_at is None


@pytest.mark.parametrize("reply", ["error", "rejected"])
def test_a_failing_tsa_fails_the_signature_with_a_reason(tsa, demo_signer, reply):
    tsa.reply = reply

    with pytest.raises(SigningError, match="Không ký được tài liệu"):
        _sign(demo_signer)


def test_the_validation_data_holds_the_chain_and_the_demo_crl(demo_signer, demo_ca_dir):
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(BytesIO(_sign(demo_signer)))
    dss = reader.root["/DSS"]

    certs = [asn1_x509.Certificate.load(c.get_object().data) for c in dss["/Certs"]]
    names = {c.subject.native["common_name"] for c in certs}
    assert names >= {"DVC Demo Root CA", "Cơ quan giải quyết TTHC (demo)"}
    crls = [asn1_crl.CertificateList.load(c.get_object().data) for c in dss["/CRLs"]]
    published = asn1_crl.CertificateList.load(
        pem.unarmor((demo_ca_dir / "root.crl.pem").read_bytes())[2]
    )
    assert published.dump() in {c.dump() for c in crls}


def test_a_certificate_that_has_expired_is_reported(demo_signer, demo_ca_dir):
    signed = _sign(demo_signer)
    agency = asn1_x509.Certificate.load(pem.unarmor((demo_ca_dir / "agency.pem").read_bytes())[2])
    later = agency.not_valid_after + dt.timedelta(days=1)

    verdict = verify_pdf(signed, at=later)

    assert verdict.state == State.UNTRUSTED
    assert verdict.last.expired and "hết hạn" in verdict.reason
    assert verify_pdf(signed).state == State.VALID  # the same copy, checked today


def test_a_tsa_that_is_no_http_url_refuses_to_start(settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.ESIGN_TSA_URL = "tsa.example.vn:318"

    with pytest.raises(SystemCheckError, match="ESIGN_TSA_URL is not an http"):
        call_command("check")
