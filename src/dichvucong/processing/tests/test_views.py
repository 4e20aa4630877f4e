import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import Attachment, AttachmentKind
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.models import TrackingLogExport
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def _attach(dossier, name="cccd.jpg", content_type="image/jpeg", blurry=False):
    attachment = Attachment(
        dossier=dossier,
        kind=AttachmentKind.APPLICATION,
        original_name=name,
        content_type=content_type,
        extension=".jpg",
        size=3,
        sha256="0" * 64,
        is_blurry=blurry,
    )
    attachment.file.save(name, SimpleUploadedFile(name, b"abc"), save=False)
    attachment.save()
    return attachment


def test_officer_of_another_agency_gets_404_for_the_dossier_and_its_files(client):
    team, other = make_team(), make_team()
    dossier = make_dossier(agency=team["agency"])
    attachment = _attach(dossier)
    client.force_login(other["counter"])
    assert client.get(reverse("processing:dossier", args=[dossier.pk])).status_code == 404
    url = reverse("processing:attachment", args=[dossier.pk, attachment.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]),
        {"to": S.RECEIVED, "expected_status": S.NEW},
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == S.NEW


def test_officer_reads_a_paper_photographed_in_several_pages_as_one_pdf(client):
    from pypdf import PdfReader

    from dichvucong.catalog.models import RequiredDocument
    from dichvucong.dossiers.tests.helpers import document_photo

    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    paper = RequiredDocument.objects.create(procedure=dossier.procedure, name="Sổ hộ khẩu")
    for page in ("trang-1.jpg", "trang-2.jpg"):
        attachment = Attachment(
            dossier=dossier,
            kind=AttachmentKind.APPLICATION,
            required_document=paper,
            original_name=page,
            content_type="image/jpeg",
            extension=".jpg",
            size=1,
            sha256="0" * 64,
        )
        attachment.file.save(page, SimpleUploadedFile(page, document_photo()), save=False)
        attachment.save()
    _attach(dossier)  # a single photo of no listed paper: nothing to combine
    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    combined = reverse("dossiers:document_pdf", args=[dossier.pk, paper.pk])
    assert page.count(combined) == 1
    response = client.get(combined)
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2


def test_citizen_cannot_open_the_workspace(client):
    dossier = make_dossier()
    client.force_login(dossier.applicant)
    assert client.get(reverse("processing:inbox")).status_code == 403
    assert client.get(reverse("processing:dossier", args=[dossier.pk])).status_code == 403


def test_dossier_page_shows_files_history_and_only_allowed_buttons(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    attachment = _attach(dossier, blurry=True)
    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Tiếp nhận hồ sơ" in page and "Từ chối tiếp nhận" in page
    assert "Phê duyệt kết quả" not in page
    assert reverse("processing:attachment", args=[dossier.pk, attachment.pk]) in page
    assert "Ảnh có thể chưa rõ nét" in page
    assert "Hàm Thắng" in page  # form data
    client.force_login(team["specialist"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Tiếp nhận hồ sơ" not in page


def test_officer_opens_an_image_inline(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    attachment = _attach(dossier)
    client.force_login(team["specialist"])
    response = client.get(reverse("processing:attachment", args=[dossier.pk, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == b"abc"


def test_receiving_through_the_page_moves_the_dossier_and_is_audited(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]),
        {"to": S.RECEIVED, "expected_status": S.NEW, "note": ""},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == S.RECEIVED
    assert AuditLog.objects.filter(action="dossier.receive", actor=team["counter"]).exists()


def test_a_move_outside_the_table_gets_a_clear_409(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]),
        {"to": S.RETURNED, "expected_status": S.NEW},
    )
    assert response.status_code == 409
    assert "Không thể chuyển hồ sơ" in response.content.decode()


def test_refusal_without_reason_is_a_400_and_keeps_the_dossier(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]),
        {"to": S.NOT_RECEIVED, "expected_status": S.NEW, "note": ""},
    )
    assert response.status_code == 400
    assert "Vui lòng nhập lý do" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == S.NEW


def test_second_officer_acting_on_the_same_page_sees_a_conflict_message(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]),
        {"to": S.NOT_RECEIVED, "expected_status": S.NEW, "note": "Thiếu"},
    )
    assert response.status_code == 409
    assert "người khác cập nhật" in response.content.decode()


def test_garbage_action_input_is_a_400_not_a_500(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]), {"to": "abc", "expected_status": "99"}
    )
    assert response.status_code == 400


def test_bad_cursor_and_agency_parameters_are_not_a_500(client):
    team, other = make_team(), make_team()
    make_dossier(agency=team["agency"])
    client.force_login(team["counter"])
    inbox = reverse("processing:inbox")
    assert client.get(inbox, {"sau": "2026-13-45T99:00:00_12"}).status_code == 200
    assert client.get(inbox, {"sau": "rác", "tab": "không-có"}).status_code == 200
    log = reverse("processing:tracking_log")
    assert (
        client.post(log, {"co_quan": "abc", "tu_ngay": "x", "den_ngay": "2026-02-30"}).status_code
        == 302
    )
    today = timezone.localdate()
    export = TrackingLogExport.objects.get()
    assert (export.agency, export.start, export.end) == (
        team["agency"],
        today.replace(day=1),
        today,
    )
    assert client.post(log, {"co_quan": other["agency"].pk}).status_code == 404
    assert TrackingLogExport.objects.count() == 1
    assert client.get(reverse("processing:counter_create"), {"co_quan": "x"}).status_code == 200


def test_tracking_log_refuses_absurd_input_and_caps_the_range(
    client, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    team = make_team()
    client.force_login(team["counter"])
    log = reverse("processing:tracking_log")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(log, {"co_quan": "9" * 30}).status_code == 302  # falls back, no 500
        response = client.post(log, {"tu_ngay": "2000-01-01", "den_ngay": "2026-11-25"})
    assert response.status_code == 302
    assert set(TrackingLogExport.objects.values_list("agency", flat=True)) == {team["agency"].pk}
    export = TrackingLogExport.objects.latest("id")
    response = client.get(reverse("processing:tracking_log_file", args=[export.pk]))
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "Từ ngày 25/08/2026 đến ngày 25/11/2026" in text and "2000" not in text


def test_history_on_the_dossier_page_names_every_entry_in_vietnamese(client):
    from dichvucong.processing.services import record_counter_payment, record_originals_checked

    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]], fees=[20000])
    dossier = make_dossier(agency=team["agency"], procedure=procedure, status=S.DONE)
    record_originals_checked(dossier=dossier, actor=team["counter"])
    record_counter_payment(
        dossier=dossier, actor=team["counter"], amount=20000, method="cash", receipt_number="BL-77"
    )
    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Đối chiếu bản gốc" in page and "Thu phí, lệ phí tại quầy" in page
    assert "originals_checked" not in page and "counter_payment" not in page


def _action_post(team, name):
    from datetime import timedelta

    from django.utils import timezone

    from dichvucong.dossiers.tests.helpers import small_pdf

    new_due = timezone.localtime(timezone.now() + timedelta(days=5))
    return {
        "originals": (team["counter"], {}),
        "counter_payment": (
            team["counter"],
            {"amount": 20000, "method": "cash", "receipt_number": "BL-9"},
        ),
        "apology": (
            team["specialist"],
            {"new_due_at": f"{new_due:%Y-%m-%dT%H:%M}", "reason": "Chờ ý kiến phối hợp"},
        ),
        "result_upload": (team["specialist"], {"file": SimpleUploadedFile("kq.pdf", small_pdf())}),
    }[name]


@pytest.mark.parametrize(
    ("name", "audit_action"),
    [
        ("originals", "dossier.originals_checked"),
        ("counter_payment", "dossier.counter_payment"),
        ("apology", "dossier.apology"),
        ("result_upload", "dossier.result_uploaded"),
    ],
)
def test_each_officer_action_page_writes_an_audit_row_with_who_and_from_where(
    client, name, audit_action
):
    from datetime import timedelta

    from django.utils import timezone

    team = make_team()
    dossier = make_dossier(
        agency=team["agency"], status=S.PROCESSING, due_at=timezone.now() - timedelta(hours=1)
    )
    actor, data = _action_post(team, name)
    client.force_login(actor)
    response = client.post(reverse(f"processing:{name}", args=[dossier.pk]), data)
    assert response.status_code == 302
    row = AuditLog.objects.get(action=audit_action)
    assert (row.actor, row.target_id, row.ip_address) == (actor, str(dossier.pk), "127.0.0.1")


def test_an_action_page_refused_by_role_is_a_403_and_leaves_no_audit_row(client):
    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.DONE)
    client.force_login(team["specialist"])
    response = client.post(reverse("processing:originals", args=[dossier.pk]))
    assert response.status_code == 403
    assert "cán bộ một cửa" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.originals_checked_at is None
    assert not AuditLog.objects.filter(action="dossier.originals_checked").exists()


@pytest.mark.parametrize(
    "content_type,disposition", [("application/pdf", "attachment;"), ("image/jpeg", "inline;")]
)
def test_officer_sees_an_image_inline_only_inside_a_sandbox_and_downloads_a_pdf(
    client, content_type, disposition
):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    attachment = _attach(dossier)
    attachment.content_type = content_type
    attachment.save()
    client.force_login(team["specialist"])
    response = client.get(reverse("processing:attachment", args=[dossier.pk, attachment.pk]))
    assert response["Content-Disposition"].startswith(disposition)
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
