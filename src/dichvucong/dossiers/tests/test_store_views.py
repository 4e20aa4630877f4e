"""The store's pages: add an own paper through the pipeline, refuse bad input with a 4xx."""

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import StoredPaper, StoredPaperOrigin
from dichvucong.dossiers.services import draft_create
from dichvucong.dossiers.tests.helpers import document_photo, procedure_with_documents, upload

pytestmark = pytest.mark.django_db


def _add(client, data: bytes, name="cccd.jpg", **fields):
    post = {"name": "Căn cước", "number": "001090012345", "issuer": "Bộ Công an", **fields}
    return client.post(reverse("dossiers:store_add"), {**post, "file": upload(name, data)})


@pytest.fixture
def citizen(client):
    user = make_citizen()
    client.force_login(user)
    return user


def test_a_citizen_adds_a_paper_of_their_own_cleaned_like_any_upload(client, citizen):
    response = _add(client, document_photo(exif=b"Exif\x00\x00"), valid_until="2040-01-01")

    assert response.status_code == 302
    paper = StoredPaper.objects.get(owner=citizen)
    assert paper.origin == StoredPaperOrigin.OWN and paper.issuer == "Bộ Công an"
    assert paper.content_type == "image/jpeg" and paper.width
    page = client.get(reverse("dossiers:store")).content.decode()
    assert "Căn cước" in page and "01/01/2040" in page
    assert AuditLog.objects.filter(action="store.added", actor=citizen).exists()


def test_garbage_a_duplicate_and_a_bad_date_are_refused_in_vietnamese(client, citizen):
    garbage = _add(client, b"MZ\x90\x00 not a picture", name="virus.jpg")
    assert garbage.status_code == 400 and "Định dạng tệp không được chấp nhận" in (
        garbage.content.decode()
    )
    photo = document_photo()
    assert _add(client, photo).status_code == 302
    again = _add(client, photo)
    assert again.status_code == 400 and "đã có trong kho" in again.content.decode()
    dates = _add(
        client, document_photo(size=(800, 1100)), issued_on="2030-01-01", valid_until="2020-01-01"
    )
    assert dates.status_code == 400 and "phải sau ngày ban hành" in dates.content.decode()
    assert StoredPaper.objects.filter(owner=citizen).count() == 1


def test_another_citizens_paper_cannot_be_opened_deleted_or_reused(client, citizen):
    _add(client, document_photo())
    paper = StoredPaper.objects.get(owner=citizen)
    other = make_citizen()
    procedure, doc, _optional = procedure_with_documents()
    draft = draft_create(applicant=other, procedure=procedure)
    client.force_login(other)

    assert client.get(reverse("dossiers:store_file", args=[paper.pk])).status_code == 404
    assert client.post(reverse("dossiers:store_delete", args=[paper.pk])).status_code == 404
    reuse = reverse("dossiers:draft_reuse", args=[draft.pk])
    assert client.post(reuse, {"document": doc.pk, "paper": paper.pk}).status_code == 404
    assert client.post(reuse, {"document": "x", "paper": "9" * 40}).status_code == 404
    assert not draft.attachments.exists() and StoredPaper.objects.filter(pk=paper.pk).exists()


def test_one_click_attaches_and_a_second_click_does_not_attach_twice(client, citizen):
    _add(client, document_photo())
    paper = StoredPaper.objects.get(owner=citizen)
    procedure, doc, _optional = procedure_with_documents()
    draft = draft_create(applicant=citizen, procedure=procedure)
    reuse = reverse("dossiers:draft_reuse", args=[draft.pk])

    page = client.get(reverse("dossiers:draft_files", args=[draft.pk])).content.decode()
    assert "Lấy từ kho" in page and "Dùng giấy tờ này" in page
    for _click in range(2):
        assert client.post(reuse, {"document": doc.pk, "paper": paper.pk}).status_code == 302
    attachment = draft.attachments.get()
    assert attachment.is_reused and attachment.file.name == paper.file.name
    assert client.post(reuse, {"document": "abc", "paper": paper.pk}).status_code == 302


def test_pulling_from_the_national_store_needs_a_connection_and_a_known_code(
    client, citizen, settings
):
    settings.NATIONAL_STORE_PROVIDER = ""
    pull = reverse("dossiers:store_pull")
    off = client.post(pull, {"result_code": "000.00.06.H56-261125-0007-KQ1"})
    assert off.status_code == 400 and "Chưa kết nối" in off.content.decode()
    settings.NATIONAL_STORE_PROVIDER = "demo"
    unknown = client.post(pull, {"result_code": "000.00.06.H56-261125-0007-KQ1"})
    assert unknown.status_code == 400 and "Không tìm thấy" in unknown.content.decode()
