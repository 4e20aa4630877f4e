"""A signed PDF a citizen uploads is checked at once: the citizen and the officer see why."""

import datetime as dt

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_agency
from dichvucong.dossiers.models import Attachment, Dossier
from dichvucong.dossiers.tests.helpers import procedure_with_documents, small_pdf, upload
from dichvucong.esign.pades import Stamp
from dichvucong.esign.tests.helpers import use_demo_signer

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(scope="module")
def ca_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("esign") / "demo-ca"


def _sign(settings, directory) -> bytes:
    use_demo_signer(settings, directory)
    from dichvucong.esign.signers import current_signer

    signer = current_signer()
    stamp = Stamp(
        signer="Nguyễn Văn A", agency="Công an xã", signed_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    )
    return signer.sign_file(small_pdf(), stamp=stamp, reason="Xác nhận")


@pytest.fixture
def draft(client):
    citizen = make_citizen(full_name="Trần Thị Mai", id_number="001090012345")
    procedure, doc, _ = procedure_with_documents(agencies=[make_agency()])
    client.force_login(citizen)
    agency = procedure.agencies.first()
    response = client.post(reverse("dossiers:start", args=[procedure.code]), {"agency": agency.pk})
    dossier = Dossier.objects.get(pk=int(response.url.rstrip("/").split("/")[-2]))
    return dossier, doc


def _upload(client, draft, data: bytes):
    dossier, doc = draft
    return client.post(
        reverse("dossiers:draft_upload", args=[dossier.pk]),
        {"document": doc.pk, "file": upload("giay-to-ky-so.pdf", data)},
        **JSON,
    )


def test_a_validly_signed_paper_is_accepted_and_marked_valid(client, settings, ca_dir, draft):
    response = _upload(client, draft, _sign(settings, ca_dir))

    assert response.status_code == 201, response.content  # no longer refused as a "form"
    assert response.json()["signature"] == "valid" and response.json()["warning"] == ""
    assert Attachment.objects.get(pk=response.json()["id"]).signature_label == "Chữ ký số hợp lệ"


def test_a_paper_changed_after_signing_is_flagged_to_the_citizen_before_submission(
    client, settings, ca_dir, draft
):
    signed = bytearray(_sign(settings, ca_dir))
    signed[10] ^= 0x01

    response = _upload(client, draft, bytes(signed))

    assert response.status_code == 201
    assert response.json()["signature"] == "modified"
    assert "Tài liệu đã bị sửa sau khi ký" in response.json()["warning"]
    page = client.get(reverse("dossiers:draft_files", args=[draft[0].pk])).content.decode()
    assert "Vui lòng tải lên bản có chữ ký số hợp lệ trước khi nộp." in page


def test_a_signature_from_an_untrusted_ca_is_flagged(client, settings, ca_dir, tmp_path, draft):
    forged = _sign(settings, tmp_path / "unknown-ca")
    use_demo_signer(settings, ca_dir)

    response = _upload(client, draft, forged)

    assert response.json()["signature"] == "untrusted"
    assert "Chữ ký số không hợp lệ" in response.json()["warning"]


def test_an_unsigned_pdf_carries_no_signature_verdict(client, draft):
    response = _upload(client, draft, small_pdf())
    assert response.json()["signature"] == "" and response.json()["warning"] == ""
