from io import BytesIO

from asn1crypto import x509 as asn1_x509
from django.core.management import call_command

from dichvucong.esign.pades import Stamp
from dichvucong.esign.tests.helpers import SIGNED_AT, small_pdf, use_demo_signer
from dichvucong.esign.verify import State, verify_pdf


def _signed(signer, **stamp) -> bytes:
    stamp = {"signer": signer.signer_name(), "agency": "UBND xã Hàm Thắng", **stamp}
    return signer.sign_file(
        small_pdf(), stamp=Stamp(signed_at=SIGNED_AT, **stamp), reason="Phê duyệt kết quả"
    )


def _der(path) -> bytes:
    from asn1crypto import pem

    return pem.unarmor(path.read_bytes())[2]


def test_a_demo_signature_validates_with_only_the_demo_root_trusted(demo_signer, demo_ca_dir):
    signed = _signed(demo_signer, code="000.00.06.H56-261125-0007-KQ1", url="https://x/xac-thuc/")
    root = asn1_x509.Certificate.load(_der(demo_ca_dir / "root.pem"))

    verdict = verify_pdf(signed, roots=[root], crls=[])

    assert verdict.state == State.VALID, verdict.reason
    assert verdict.last.signer == "Cơ quan giải quyết TTHC (demo)"
    assert verdict.last.signed_at is not None


def test_the_signed_copy_embeds_its_validation_data_and_a_pades_signature(demo_signer):
    from pyhanko.pdf_utils.reader import PdfFileReader

    signed = _signed(demo_signer)

    reader = PdfFileReader(BytesIO(signed))
    assert reader.embedded_signatures[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    dss = reader.root["/DSS"]
    assert len(dss["/Certs"]) >= 2 and len(dss["/CRLs"]) >= 1


def test_one_changed_byte_is_reported_as_modified(demo_signer):
    signed = bytearray(_signed(demo_signer))
    assert signed[10] == 0xE9  # inside the binary comment line, covered by the signature
    signed[10] = 0xE8

    verdict = verify_pdf(bytes(signed))

    assert verdict.state == State.MODIFIED
    assert verdict.label == "Tài liệu đã bị sửa sau khi ký"


def test_content_added_after_signing_is_reported_as_modified(demo_signer):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(_signed(demo_signer)))
    page = writer.root["/Pages"]["/Kids"][0]
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)

    assert verify_pdf(out.getvalue()).state == State.MODIFIED


def test_a_signature_from_another_ca_is_untrusted(settings, tmp_path, demo_ca_dir):
    use_demo_signer(settings, tmp_path / "other-ca")
    from dichvucong.esign.signers import current_signer

    forged = _signed(current_signer())
    use_demo_signer(settings, demo_ca_dir)  # the portal trusts its own demo root only

    verdict = verify_pdf(forged)

    assert verdict.state == State.UNTRUSTED
    assert verdict.label == "Chữ ký số không hợp lệ"


def test_garbage_and_unsigned_files_are_reported_not_raised(demo_signer):
    assert verify_pdf(b"not a pdf").state == State.UNREADABLE
    assert verify_pdf(b"%PDF-1.7\n garbage \x00\xff").state == State.UNREADABLE
    assert verify_pdf(small_pdf()).state == State.UNSIGNED


def test_an_enabled_file_signer_without_its_passphrase_refuses_to_start(settings):
    import pytest
    from django.core.management.base import SystemCheckError

    settings.ESIGN_SIGNER = "pkcs12"
    settings.ESIGN_PKCS12_PATH = "/secrets/agency.p12"
    settings.ESIGN_PKCS12_PASSPHRASE = ""

    with pytest.raises(SystemCheckError, match="ESIGN_PKCS12_PASSPHRASE is empty"):
        call_command("check")


def test_the_pkcs12_file_signer_signs_with_the_file_and_passphrase(demo_signer, settings, tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    from dichvucong.esign.demo_ca import demo_ca
    from dichvucong.esign.signers import current_signer

    ca = demo_ca()
    bundle = pkcs12.serialize_key_and_certificates(
        b"agency",
        serialization.load_pem_private_key(ca.agency_key_pem.read_bytes(), None),
        x509.load_pem_x509_certificate(ca.agency_cert_pem.read_bytes()),
        [x509.load_pem_x509_certificate(ca.root_pem.read_bytes())],
        serialization.BestAvailableEncryption(b"mat-khau"),
    )
    (tmp_path / "agency.p12").write_bytes(bundle)
    settings.ESIGN_SIGNER = "pkcs12"
    settings.ESIGN_TRUST_DEMO_CA = True
    settings.ESIGN_PKCS12_PATH = str(tmp_path / "agency.p12")
    settings.ESIGN_PKCS12_PASSPHRASE = "mat-khau"

    assert verify_pdf(_signed(current_signer())).state == State.VALID


def test_a_revoked_signing_certificate_is_reported(demo_signer, demo_ca_dir):

    from asn1crypto import crl as asn1_crl
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    signed = _signed(demo_signer)
    root = x509.load_pem_x509_certificate((demo_ca_dir / "root.pem").read_bytes())
    root_key = serialization.load_pem_private_key((demo_ca_dir / "root-key.pem").read_bytes(), None)
    agency = x509.load_pem_x509_certificate((demo_ca_dir / "agency.pem").read_bytes())
    # Revoked the moment it was issued, in a list valid as long as the certificate (no clock).
    issued = agency.not_valid_before_utc
    revoked = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.subject)
        .last_update(issued)
        .next_update(agency.not_valid_after_utc)
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(agency.serial_number)
            .revocation_date(issued)
            .build()
        )
        .sign(root_key, hashes.SHA256())
    )
    trusted = asn1_x509.Certificate.load(_der(demo_ca_dir / "root.pem"))
    crls = [asn1_crl.CertificateList.load(revoked.public_bytes(serialization.Encoding.DER))]

    verdict = verify_pdf(signed, roots=[trusted], crls=crls)

    assert verdict.state == State.UNTRUSTED
    assert verdict.last.revoked and "thu hồi" in verdict.reason


def test_signing_and_verifying_work_where_an_event_loop_is_running(demo_signer):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside_a_loop():
        return verify_pdf(_signed(demo_signer)).state

    # A thread of its own, so the loop this test starts is the only one in it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        state = pool.submit(asyncio.run, inside_a_loop()).result()
    assert state == State.VALID


def test_the_stamp_font_draws_every_vietnamese_letter():
    import unicodedata

    from fontTools import ttLib

    from dichvucong.esign.pades import _font

    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # composed as NFC
    vowels = "aăâeêioôơuưy"
    text = letters + letters.upper() + "0123456789:/().,-–"
    text += "".join(
        unicodedata.normalize("NFC", v + t) for v in vowels + vowels.upper() for t in tones
    )

    drawn = ttLib.TTFont(_font().font_file)["cmap"].getBestCmap()

    assert [c for c in text if ord(c) not in drawn] == []
