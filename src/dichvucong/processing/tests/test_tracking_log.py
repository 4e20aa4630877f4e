"""The tracking log (form 07) is asked for on a page and rendered by a background task."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.core.models import AuditLog
from dichvucong.processing.models import ExportStatus, TrackingLogExport
from dichvucong.processing.slips import tracking
from dichvucong.processing.tasks import render_tracking_log_task
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db

LOG = "processing:tracking_log"


def _download(client, export):
    return client.get(reverse("processing:tracking_log_file", args=[export.pk]))


def test_requested_log_is_stored_by_the_task_and_names_the_agency(
    client, django_capture_on_commit_callbacks
):
    team = make_team()
    make_dossier(agency=team["agency"], applicant_name="Võ Thị Ửng")
    client.force_login(team["counter"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(LOG), {"co_quan": team["agency"].pk})
    assert response.status_code == 302 and response["Location"] == reverse(LOG)
    export = TrackingLogExport.objects.get()
    assert export.status == ExportStatus.READY and export.requested_by == team["counter"]
    assert AuditLog.objects.filter(action="tracking_log.request", target_id=str(export.pk)).exists()
    page = client.get(reverse(LOG)).content.decode()
    url = reverse("processing:tracking_log_file", args=[export.pk])
    assert url in page and 'http-equiv="refresh"' not in page
    response = _download(client, export)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = PdfReader(BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    header = " ".join(text.split()).upper()  # the agency name wraps in the header
    assert "SỔ THEO DÕI HỒ SƠ" in text and team["agency"].name.upper() in header
    assert "Võ Thị Ửng" in text


def test_the_page_queues_the_log_and_shows_it_pending_until_the_task_runs(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    def no_pdf_in_the_request(**kwargs):
        raise AssertionError("the view must not render the PDF")

    team = make_team()
    client.force_login(team["counter"])
    monkeypatch.setattr(tracking, "build_log", no_pdf_in_the_request)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse(LOG), {"co_quan": team["agency"].pk}, follow=True)
    assert len(callbacks) == 1
    export = TrackingLogExport.objects.get()
    assert export.status == ExportStatus.PENDING and not export.file
    page = response.content.decode()
    assert "Đã ghi nhận yêu cầu" in page and "Đang lập" in page
    assert 'http-equiv="refresh"' in page
    assert _download(client, export).status_code == 404


def test_only_officers_of_the_agency_download_or_request_its_log(
    client, django_capture_on_commit_callbacks
):
    team, other = make_team(), make_team()
    client.force_login(team["counter"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(LOG), {"co_quan": team["agency"].pk})
    export = TrackingLogExport.objects.get()
    client.force_login(team["specialist"])
    assert _download(client, export).status_code == 200
    client.force_login(other["counter"])
    assert _download(client, export).status_code == 404
    assert client.post(reverse(LOG), {"co_quan": team["agency"].pk}).status_code == 404
    assert team["agency"].name not in client.get(reverse(LOG)).content.decode()
    assert TrackingLogExport.objects.count() == 1


def test_a_failed_render_is_marked_for_the_officer_and_retries_do_nothing_twice(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("font missing")

    team = make_team()
    client.force_login(team["counter"])
    monkeypatch.setattr(tracking, "build_log", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(LOG), {"co_quan": team["agency"].pk})
    failed = TrackingLogExport.objects.get()
    assert failed.status == ExportStatus.FAILED
    assert "Không lập được sổ theo dõi" in client.get(reverse(LOG)).content.decode()
    monkeypatch.undo()
    assert render_tracking_log_task.call(failed.pk) == "skipped"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse(LOG), {"co_quan": team["agency"].pk})
    ready = TrackingLogExport.objects.get(status=ExportStatus.READY)
    stored = ready.file.name
    assert render_tracking_log_task.call(ready.pk) == "skipped"
    ready.refresh_from_db()
    assert ready.file.name == stored
