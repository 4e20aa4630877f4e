"""The public verification page: open a result by code or upload a PDF; never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dichvucong.dossiers.models import AttachmentKind, SignedCopy
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.esign.tests.helpers import use_demo_signer
from dichvucong.processing.services import add_result_file, approval_step, dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("esign") / "demo-ca"


@pytest.fixture
def signed_result(settings, ca_dir, django_capture_on_commit_callbacks):
    use_demo_signer(settings, ca_dir)
    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    add_result_file(
        dossier=dossier, actor=team["specialist"], upload=SimpleUploadedFile("kq.pdf", small_pdf())
    )
    with django_capture_on_commit_callbacks(execute=True):
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    copy = SignedCopy.objects.get(
        attachment__dossier=dossier, attachment__kind=AttachmentKind.RESULT
    )
    with copy.file.open("rb") as handle:
        return copy, handle.read()


def _upload(client, data: bytes, name="kq.pdf"):
    return client.post(reverse("tracking:verify"), {"file": SimpleUploadedFile(name, data)})


def test_a_result_code_opens_its_verdict_without_the_citizens_data(client, signed_result):
    copy, _ = signed_result

    page = client.get(reverse("tracking:verify_result", args=[copy.result_code]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Chữ ký số hợp lệ" in text and copy.sha256 in text
    assert copy.attachment.dossier.applicant_name not in text


def test_the_code_typed_in_the_form_gives_the_same_verdict(client, signed_result):
    copy, _ = signed_result
    page = client.post(reverse("tracking:verify"), {"code": copy.result_code})
    assert page.status_code == 200 and "Chữ ký số hợp lệ" in page.content.decode()


def test_the_stored_copy_uploaded_is_valid_and_matches_the_portals_copy(client, signed_result):
    _, data = signed_result

    text = _upload(client, data).content.decode()

    assert "Chữ ký số hợp lệ" in text and "Trùng khớp với bản đã ký được lưu" in text


def test_a_copy_changed_after_signing_is_told_apart(client, signed_result):
    _, data = signed_result
    changed = bytearray(data)
    changed[10] ^= 0x01

    page = _upload(client, bytes(changed))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Tài liệu đã bị sửa sau khi ký" in text and "Không trùng với bản nào" in text


@pytest.mark.parametrize(
    "data", [b"", b"garbage", b"%PDF-1.7\n\x00\xff trailer <<>>", b"%PDF-" + b"A" * 5000]
)
def test_garbage_uploads_get_a_4xx_never_a_500(client, settings, data):
    settings.ESIGN_SIGNER = ""
    page = _upload(client, data, name="x.pdf")
    assert 400 <= page.status_code < 500


def test_an_empty_form_and_an_unknown_code_are_4xx(client):
    assert client.post(reverse("tracking:verify"), {}).status_code == 400
    missing = client.get(reverse("tracking:verify_result", args=["000.00.06.H56-261125-0001-KQ9"]))
    assert missing.status_code == 404


def test_an_unsigned_pdf_is_reported_unsigned(client, settings):
    settings.ESIGN_SIGNER = ""
    page = _upload(client, small_pdf())
    assert page.status_code == 200 and "không có chữ ký số" in page.content.decode()


def test_the_page_is_rate_limited(client, settings, monkeypatch):
    from dichvucong.tracking.views import verify

    monkeypatch.setattr(verify, "LIMIT_PER_HOUR", 2)
    for _ in range(2):
        assert client.get(reverse("tracking:verify_result", args=["X-KQ1"])).status_code == 404
    assert client.get(reverse("tracking:verify_result", args=["X-KQ1"])).status_code == 429


def test_an_upload_timestamped_by_a_tsa_shows_the_tsa_time(client, settings, ca_dir):
    import datetime as dt

    from dichvucong.esign.pades import Stamp
    from dichvucong.esign.signers import current_signer
    from dichvucong.esign.tests.fake_tsa import FakeTSA

    use_demo_signer(settings, ca_dir)
    signer = current_signer()
    signer.get_certificate()  # the demo CA the TSA's certificate comes from exists
    with FakeTSA(ca_dir) as tsa:
        settings.ESIGN_TSA_URL = tsa.url
        signed = signer.sign_file(
            small_pdf(),
            stamp=Stamp(
                signer="x", agency="UBND", signed_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
            ),
            reason="Phê duyệt kết quả",
        )

    text = _upload(client, signed).content.decode()

    assert "Chữ ký số hợp lệ" in text
    assert "theo dấu thời gian của đơn vị cấp dấu thời gian" in text
