import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_agency
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, DossierStatus
from dichvucong.dossiers.tests.helpers import document_photo, procedure_with_documents, upload

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def setup(client):
    citizen = make_citizen(full_name="Trần Thị Mai", id_number="001090012345")
    procedure, doc, _ = procedure_with_documents(
        agencies=[make_agency(name="UBND xã Hòa Bình"), make_agency(name="UBND xã An Phú")]
    )
    client.force_login(citizen)
    return citizen, procedure, doc


def _start(client, procedure):
    agency = procedure.agencies.order_by("pk").first()
    response = client.post(reverse("dossiers:start", args=[procedure.code]), {"agency": agency.pk})
    return Dossier.objects.get(pk=int(response.url.rstrip("/").split("/")[-2]))


def test_anonymous_visitor_is_sent_to_login_and_back(client, settings):
    settings.LOGIN_URL = "/dang-nhap/"
    procedure, _, _ = procedure_with_documents()
    url = reverse("dossiers:start", args=[procedure.code])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/dang-nhap/?next={url}"


def test_procedure_with_several_agencies_asks_which_one(client, setup):
    _, procedure, _ = setup
    page = client.get(reverse("dossiers:start", args=[procedure.code])).content.decode()
    assert "Cơ quan tiếp nhận hồ sơ" in page
    assert "UBND xã An Phú" in page


def test_form_is_prefilled_from_profile_and_wrong_values_get_vietnamese_messages(client, setup):
    _, procedure, _ = setup
    draft = _start(client, procedure)
    page = client.get(reverse("dossiers:draft_form", args=[draft.pk])).content.decode()
    assert 'value="Trần Thị Mai"' in page
    response = client.post(
        reverse("dossiers:draft_form", args=[draft.pk]),
        {"full_name": "Trần Thị Mai", "id_number": "12ab", "copies": "hai"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Vui lòng nhập một số nguyên." in text
    assert "gồm đúng 12 chữ số" in text
    draft.refresh_from_db()
    assert draft.form_data["copies"] == "hai"  # kept as typed, nothing lost


def _fill(client, draft):
    return client.post(
        reverse("dossiers:draft_form", args=[draft.pk]),
        {
            "full_name": "Trần Thị Mai",
            "id_number": "001090012345",
            "copies": "2",
            "reason": "Du học",
            "agree": "on",
        },
    )


def test_whole_journey_draft_upload_review_submit_and_receipt(
    client, setup, django_capture_on_commit_callbacks
):
    _, procedure, doc = setup
    draft = _start(client, procedure)
    assert _fill(client, draft).url == reverse("dossiers:draft_files", args=[draft.pk])
    blurry = client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]),
        {"document": doc.pk, "file": upload("mo.jpg", document_photo(blurred=True))},
        **JSON,
    )
    assert blurry.status_code == 201
    assert blurry.json()["warning"] == "Ảnh chưa rõ nét, vui lòng chụp lại"
    sharp = client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]),
        {
            "document": doc.pk,
            "file": upload("net.jpg", document_photo()),
            "replaces": blurry.json()["id"],
        },
        **JSON,
    )
    assert sharp.json()["is_blurry"] is False
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["net.jpg"]
    drafts_page = client.get(reverse("dossiers:drafts")).content.decode()
    assert procedure.name in drafts_page
    assert client.get(reverse("dossiers:draft_resume", args=[draft.pk])).url.endswith("/giay-to/")
    review = client.get(reverse("dossiers:draft_review", args=[draft.pk]))
    key = review.context["key"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("dossiers:draft_submit", args=[draft.pk]), {"idempotency_key": key}
        )
    again = client.post(reverse("dossiers:draft_submit", args=[draft.pk]), {"idempotency_key": key})
    assert again.url == done.url
    dossier = Dossier.objects.get(pk=draft.pk)
    assert dossier.status == DossierStatus.NEW
    assert dossier.code in client.get(done.url).content.decode()
    receipt = client.get(reverse("dossiers:receipt", args=[dossier.pk]))
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(receipt.streaming_content))).pages
    )
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert dossier.code in text
    assert "Trần Thị Mai" in text
    assert "Thời gian trả kết quả giải quyết hồ sơ" in text


def test_bad_upload_gets_a_message_and_stores_nothing(client, setup):
    _, procedure, doc = setup
    draft = _start(client, procedure)
    response = client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]),
        {"document": doc.pk, "file": upload("trang.html", b"<html></html>")},
        **JSON,
    )
    assert response.status_code == 400
    assert "Định dạng tệp không được chấp nhận" in response.json()["error"]
    assert not Attachment.objects.exists()


def test_over_the_dossier_limit_is_refused(client, setup, settings):
    _, procedure, doc = setup
    draft = _start(client, procedure)
    settings.UPLOAD_MAX_DOSSIER_BYTES = 1000
    response = client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]),
        {"document": doc.pk, "file": upload("a.jpg", document_photo())},
        **JSON,
    )
    assert response.status_code == 400
    assert "Tổng dung lượng" in response.json()["error"]


def test_submit_without_required_document_goes_back_with_a_message(client, setup):
    _, procedure, _ = setup
    draft = _start(client, procedure)
    _fill(client, draft)
    response = client.post(reverse("dossiers:draft_submit", args=[draft.pk]), follow=True)
    assert "Còn thiếu giấy tờ bắt buộc: Tờ khai theo mẫu" in response.content.decode()
    assert Dossier.objects.get(pk=draft.pk).status == DossierStatus.DRAFT


def test_files_are_private_with_nosniff_and_hidden_from_others(client, setup):
    _, procedure, doc = setup
    draft = _start(client, procedure)
    created = client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]),
        {"document": doc.pk, "file": upload("net.jpg", document_photo())},
        **JSON,
    ).json()
    own = client.get(created["url"] + "?tai-ve=1")
    assert own.status_code == 200
    assert own["X-Content-Type-Options"] == "nosniff"
    assert own["Content-Disposition"].startswith("attachment;")
    attachment = Attachment.objects.get(pk=created["id"])
    assert "net.jpg" not in attachment.file.name
    client.force_login(make_citizen())
    assert client.get(created["url"]).status_code == 404
    assert client.get(reverse("dossiers:draft_form", args=[draft.pk])).status_code == 404


def test_photos_of_one_document_combine_into_one_pdf(client, setup):
    _, procedure, doc = setup
    draft = _start(client, procedure)
    for name, fmt in (("trang-1.jpg", "JPEG"), ("trang-2.png", "PNG")):
        client.post(
            reverse("dossiers:draft_upload", args=[draft.pk]),
            {"document": doc.pk, "file": upload(name, document_photo(fmt=fmt))},
            **JSON,
        )
    response = client.get(reverse("dossiers:document_pdf", args=[draft.pk, doc.pk]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2
    assert draft.attachments.filter(kind=AttachmentKind.APPLICATION).count() == 2


def test_a_body_far_over_the_file_limit_is_refused_before_it_is_read(client, setup, settings):
    _, procedure, doc = setup
    draft = _start(client, procedure)
    settings.UPLOAD_MAX_FILE_BYTES = 1000
    big = upload("to.pdf", b"%PDF-1.7\n" + b"0" * 200_000)
    response = client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]), {"document": doc.pk, "file": big}, **JSON
    )
    assert response.status_code == 413
    assert "vượt quá dung lượng" in response.json()["error"]
    assert not Attachment.objects.exists()


def test_a_resumed_draft_opens_at_the_step_last_reached(client, setup):
    _, procedure, _ = setup
    draft = _start(client, procedure)
    resume = reverse("dossiers:draft_resume", args=[draft.pk])
    assert client.get(resume)["Location"] == reverse("dossiers:draft_form", args=[draft.pk])
    client.get(reverse("dossiers:draft_files", args=[draft.pk]))
    assert client.get(resume)["Location"] == reverse("dossiers:draft_files", args=[draft.pk])
    client.get(reverse("dossiers:draft_review", args=[draft.pk]))
    assert client.get(resume)["Location"] == reverse("dossiers:draft_review", args=[draft.pk])


def test_another_citizen_gets_404_on_every_step_of_my_draft_and_changes_nothing(client, setup):
    owner, procedure, doc = setup
    draft = _start(client, procedure)
    _fill(client, draft)
    created = client.post(
        reverse("dossiers:draft_upload", args=[draft.pk]),
        {"document": doc.pk, "file": upload("net.jpg", document_photo())},
        **JSON,
    ).json()
    client.force_login(make_citizen())
    for name in ("draft_resume", "draft_form", "draft_files", "draft_review"):
        assert client.get(reverse(f"dossiers:{name}", args=[draft.pk])).status_code == 404, name
    assert client.get(reverse("dossiers:document_pdf", args=[draft.pk, doc.pk])).status_code == 404
    assert (
        client.post(
            reverse("dossiers:draft_upload", args=[draft.pk]),
            {"document": doc.pk, "file": upload("la.jpg", document_photo())},
            **JSON,
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("dossiers:draft_file_delete", args=[draft.pk, created["id"]])
        ).status_code
        == 404
    )
    assert client.post(reverse("dossiers:draft_submit", args=[draft.pk])).status_code == 404
    assert client.post(reverse("dossiers:draft_delete", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.status == DossierStatus.DRAFT and draft.applicant == owner
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["net.jpg"]
    client.force_login(owner)
    dossier = Dossier.objects.get(pk=draft.pk)
    client.post(
        reverse("dossiers:draft_submit", args=[draft.pk]),
        {
            "idempotency_key": client.get(
                reverse("dossiers:draft_review", args=[draft.pk])
            ).context["key"]
        },
    )
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW
    client.force_login(make_citizen())
    assert client.get(reverse("dossiers:submitted", args=[dossier.pk])).status_code == 404
    assert client.get(reverse("dossiers:receipt", args=[dossier.pk])).status_code == 404
