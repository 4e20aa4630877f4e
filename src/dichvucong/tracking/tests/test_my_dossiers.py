import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.models import AttachmentKind, Dossier, DossierStatus
from dichvucong.dossiers.uploads.sniff import ACCEPT
from dichvucong.tracking.tests.factories import (
    PDF,
    internal_remark,
    make_attachment,
    make_dossier,
)

pytestmark = pytest.mark.django_db
S = DossierStatus


@pytest.fixture
def owner():
    return make_citizen()


@pytest.fixture
def dossier(owner):
    d = make_dossier(applicant=owner, status=S.PROCESSING, notes={S.RECEIVED: "Đã nhận đủ giấy tờ"})
    internal_remark(d, "Ý kiến nội bộ")
    return d


def _url(name, dossier, **kwargs):
    return reverse(f"tracking:{name}", kwargs={"ref": dossier.code, **kwargs})


def test_list_shows_my_dossiers_with_what_needs_me_and_not_others(client, owner):
    mine = [
        make_dossier(applicant=owner, status=s)
        for s in (S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED, S.RETURNED, S.PROCESSING)
    ]
    make_dossier(applicant=owner, status=S.DRAFT, code=None)
    theirs = make_dossier(status=S.PROCESSING)
    client.force_login(owner)
    page = client.get("/ho-so-cua-toi/").content.decode()
    for d in mine:
        assert d.code in page
    assert theirs.code not in page
    assert "Cần bổ sung giấy tờ" in page
    assert "Cần nộp phí, lệ phí" in page
    assert "Chờ đánh giá" in page
    assert "Bạn có 1 hồ sơ đang soạn." in page
    assert "/ho-so-dang-soan/" in page


def test_detail_shows_timeline_with_notes_form_data_and_documents(client, owner, dossier):
    slip = make_attachment(dossier, kind=AttachmentKind.SLIP, name="phieu-tiep-nhan.pdf")
    make_attachment(dossier, kind=AttachmentKind.APPLICATION, name="cccd.pdf")
    client.force_login(owner)
    page = client.get(_url("my_dossier", dossier)).content.decode()
    assert "Nộp hồ sơ trực tuyến" in page
    assert "Đã nhận đủ giấy tờ" in page
    assert "Ý kiến nội bộ" not in page
    assert "Thôn 1, xã Thử Nghiệm" in page
    assert "phieu-tiep-nhan.pdf" in page and "cccd.pdf" in page
    # Files open through the submission part's permission-checked view, as downloads.
    assert reverse("dossiers:file", kwargs={"pk": slip.pk}) + "?tai-ve=1" in page
    assert reverse("dossiers:receipt", kwargs={"pk": dossier.pk}) in page
    assert reverse("tracking:qr", kwargs={"code": dossier.code}) in page
    assert "Rút hồ sơ" in page


def test_owner_downloads_a_slip_as_an_attachment_never_inline(client, owner, dossier):
    slip = make_attachment(dossier, name="phiếu tiếp nhận.pdf")
    client.force_login(owner)
    response = client.get(reverse("dossiers:file", kwargs={"pk": slip.pk}) + "?tai-ve=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_another_citizen_gets_404_on_my_dossier_files_qr_and_actions(client, dossier):
    slip = make_attachment(dossier)
    client.force_login(make_citizen())
    assert client.get(_url("my_dossier", dossier)).status_code == 404
    assert client.get(f"/ho-so-cua-toi/{dossier.pk}/").status_code == 404
    assert client.get(reverse("tracking:qr", kwargs={"code": dossier.code})).status_code == 404
    assert client.post(_url("withdraw", dossier), {"reason": "x"}).status_code == 404
    assert client.post(_url("rate", dossier), {"overall": 5}).status_code == 404
    assert client.get(reverse("dossiers:file", kwargs={"pk": slip.pk})).status_code == 404
    assert client.get(reverse("dossiers:receipt", kwargs={"pk": dossier.pk})).status_code == 404


def test_another_citizen_cannot_supplement_my_dossier(client, owner):
    d = make_dossier(applicant=owner, status=S.SUPPLEMENT_REQUESTED)
    client.force_login(make_citizen())
    upload = SimpleUploadedFile("khai-sinh.pdf", PDF, content_type="application/pdf")
    assert client.post(_url("supplement", d), {"other": upload}).status_code == 404
    d.refresh_from_db()
    assert d.status == S.SUPPLEMENT_REQUESTED and not d.attachments.exists()


def test_withdraw_with_a_reason_moves_to_status_7(client, owner, dossier):
    client.force_login(owner)
    response = client.post(
        _url("withdraw", dossier), {"reason": "Tôi nộp nhầm thủ tục"}, follow=True
    )
    dossier.refresh_from_db()
    assert dossier.status == S.WITHDRAWN
    assert "Đã gửi yêu cầu rút hồ sơ." in response.content.decode()
    assert dossier.events.filter(to_status=S.WITHDRAWN, note="Tôi nộp nhầm thủ tục").exists()


def test_withdraw_needs_a_reason_and_an_open_dossier(client, owner, dossier):
    client.force_login(owner)
    response = client.post(_url("withdraw", dossier), {"reason": "  "}, follow=True)
    assert "Vui lòng nêu lý do rút hồ sơ." in response.content.decode()
    done = make_dossier(applicant=owner, status=S.RETURNED)
    response = client.post(_url("withdraw", done), {"reason": "muộn"}, follow=True)
    assert "không thể rút" in response.content.decode()
    dossier.refresh_from_db()
    done.refresh_from_db()
    assert (dossier.status, done.status) == (S.PROCESSING, S.RETURNED)


def test_supplement_attaches_files_and_resubmits(client, owner):
    procedure = make_procedure()
    doc = procedure.required_documents.create(name="Bản sao giấy khai sinh")
    d = make_dossier(
        applicant=owner,
        procedure=procedure,
        status=S.SUPPLEMENT_REQUESTED,
        notes={S.SUPPLEMENT_REQUESTED: "Thiếu bản sao giấy khai sinh"},
        step_data={S.SUPPLEMENT_REQUESTED: {"required_document_ids": [doc.pk]}},
    )
    client.force_login(owner)
    page = client.get(_url("my_dossier", d)).content.decode()
    assert "Thiếu bản sao giấy khai sinh" in page and "Bản sao giấy khai sinh" in page
    # The picker offers every type the upload pipeline takes, phone photos (HEIC, WebP) too.
    assert page.count(f'accept="{ACCEPT}"') == 2
    upload = SimpleUploadedFile("khai-sinh.pdf", PDF, content_type="application/pdf")
    client.post(_url("supplement", d), {f"doc_{doc.pk}": upload})
    d.refresh_from_db()
    assert d.status == S.PROCESSING
    added = d.attachments.get(kind=AttachmentKind.SUPPLEMENT)
    assert (added.original_name, added.required_document_id) == ("khai-sinh.pdf", doc.pk)


def test_supplement_refuses_a_file_that_is_not_what_it_claims(client, owner):
    d = make_dossier(applicant=owner, status=S.SUPPLEMENT_REQUESTED)
    client.force_login(owner)
    fake = SimpleUploadedFile("anh.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(_url("supplement", d), {"other": fake}, follow=True)
    assert "Định dạng tệp không được chấp nhận" in response.content.decode()
    d.refresh_from_db()
    assert d.status == S.SUPPLEMENT_REQUESTED and not d.attachments.exists()


def test_supplement_over_the_file_count_or_the_dossier_size_is_refused_not_cut(
    client, owner, settings
):
    d = make_dossier(applicant=owner, status=S.SUPPLEMENT_REQUESTED)
    make_attachment(d, kind=AttachmentKind.APPLICATION, name="cccd.pdf")
    client.force_login(owner)
    many = [
        SimpleUploadedFile(f"trang-{i}.pdf", PDF, content_type="application/pdf") for i in range(21)
    ]
    response = client.post(_url("supplement", d), {"other": many}, follow=True)
    assert "tối đa 20 tệp" in response.content.decode()
    settings.UPLOAD_MAX_DOSSIER_BYTES = len(PDF) * 2 - 1  # the application's file plus one more
    one = SimpleUploadedFile("khai-sinh.pdf", PDF, content_type="application/pdf")
    response = client.post(_url("supplement", d), {"other": one}, follow=True)
    assert "Tổng dung lượng các tệp của hồ sơ vượt quá" in response.content.decode()
    d.refresh_from_db()
    assert d.status == S.SUPPLEMENT_REQUESTED
    assert not d.attachments.filter(kind=AttachmentKind.SUPPLEMENT).exists()


def test_supplement_photos_go_through_the_photo_pipeline(client, owner):
    from PIL import Image

    from dichvucong.dossiers.tests.helpers import document_photo

    d = make_dossier(
        applicant=owner, status=S.SUPPLEMENT_REQUESTED, notes={S.SUPPLEMENT_REQUESTED: "Thiếu ảnh"}
    )
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0)}  # GPS position of the citizen's home
    photo = document_photo(exif=exif)
    client.force_login(owner)
    client.post(
        _url("supplement", d),
        {"other": SimpleUploadedFile("anh.jpg", photo, content_type="image/jpeg")},
    )
    added = d.attachments.get(kind=AttachmentKind.SUPPLEMENT)
    with added.file.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif()
    assert added.blur_score is not None and not added.is_blurry


def test_pay_action_is_offered_when_payment_is_requested(client, owner):
    d = make_dossier(applicant=owner, status=S.PAYMENT_REQUESTED, fee_total=50000)
    client.force_login(owner)
    page = client.get(_url("my_dossier", d)).content.decode()
    assert "Nộp phí, lệ phí" in page


def test_unknown_reference_is_404_not_500(client, owner):
    client.force_login(owner)
    assert client.get("/ho-so-cua-toi/" + "x" * 5000 + "/").status_code == 404
    assert client.get("/ho-so-cua-toi/99999999999999999999/").status_code == 404


def test_pages_need_login(client, settings, dossier):
    settings.LOGIN_URL = "/dang-nhap/"
    assert client.get("/ho-so-cua-toi/").status_code == 302
    assert client.get(_url("my_dossier", dossier)).status_code == 302
    assert Dossier.objects.count() == 1


def test_my_list_pages_by_20_and_a_full_page_costs_no_more_queries_than_one_row(client, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dichvucong.tracking.services import notify_citizen

    procedure = make_dossier(applicant=owner, status=S.RETURNED).procedure
    for _ in range(20):
        make_dossier(applicant=owner, status=S.RETURNED, procedure=procedure)
        notify_citizen(user=owner, title="Hồ sơ đã có kết quả")
    client.force_login(owner)
    client.get("/ho-so-cua-toi/")
    with CaptureQueriesContext(connection) as full:
        first = client.get("/ho-so-cua-toi/").content.decode()
    with CaptureQueriesContext(connection) as single:
        second = client.get("/ho-so-cua-toi/?trang=2").content.decode()
    assert first.count("Chờ đánh giá") == 20 and _page_mark(1, 2) in first
    assert "?trang=2" in first
    assert second.count("Chờ đánh giá") == 1 and _page_mark(2, 2) in second
    assert "?trang=1" in second
    assert len(full) == len(single)
    notices = client.get("/thong-bao/?trang=2").content.decode()
    assert 'class="pagination"' not in notices  # 20 fit on one page
    notify_citizen(user=owner, title="Thông báo thứ 21")
    assert _page_mark(2, 2) in client.get("/thong-bao/?trang=2").content.decode()


def _page_mark(number: int, pages: int) -> str:
    """The pager's own "n/m" (a bare "2/2" also matches a date such as 02/12/2026)."""
    return f'<span class="current">{number}/{pages}</span>'


def test_a_fully_online_dossier_owing_a_fee_offers_online_payment_with_its_lines(client, owner):
    from dichvucong.catalog.tests.factories import make_fee

    procedure = make_procedure()
    make_fee(procedure, name="Lệ phí cấp bản sao", amount=8000)
    d = make_dossier(applicant=owner, procedure=procedure, status=S.NEW)
    client.force_login(owner)
    page = client.get(_url("my_dossier", d)).content.decode()
    assert "Lệ phí cấp bản sao" in page and "8.000 đồng" in page
    assert "Thanh toán trực tuyến" in page


def test_a_blurred_supplement_photo_is_flagged_to_the_citizen(client, owner):
    from dichvucong.dossiers.tests.helpers import document_photo

    d = make_dossier(
        applicant=owner, status=S.SUPPLEMENT_REQUESTED, notes={S.SUPPLEMENT_REQUESTED: "Thiếu ảnh"}
    )
    client.force_login(owner)
    photo = SimpleUploadedFile("mo.jpg", document_photo(blurred=True), content_type="image/jpeg")
    response = client.post(_url("supplement", d), {"other": photo}, follow=True)
    page = response.content.decode()
    assert "Đã bổ sung hồ sơ." in page
    assert "mo.jpg: Ảnh chưa rõ nét, vui lòng chụp lại" in page  # the notice after sending
    assert page.count("Ảnh chưa rõ nét, vui lòng chụp lại") == 2  # and beside the file
    assert d.attachments.get(kind=AttachmentKind.SUPPLEMENT).is_blurry
