"""One map of history words: a citizen's supplement reads the same everywhere."""

from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.slips import control
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db
SUPPLEMENTED = "Công dân nộp bổ sung giấy tờ"


def _supplemented(team, citizen):
    dossier = make_dossier(agency=team["agency"], applicant=citizen, status=S.PROCESSING)
    dossier = dossier_transition(
        dossier=dossier,
        to=S.SUPPLEMENT_REQUESTED,
        actor=team["specialist"],
        note="Thiếu bản sao giấy khai sinh",
    )
    return dossier_transition(dossier=dossier, to=S.PROCESSING, actor=citizen)


def test_the_officer_history_says_the_citizen_supplemented_not_processing(client):
    team = make_team()
    citizen = make_citizen(full_name="Võ Thị Hồng Nhung")
    dossier = _supplemented(team, citizen)
    client.force_login(team["specialist"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    history = page.split('id="h-history"')[1]
    entries = [" ".join(item.split()) for item in history.split("<li>")[1:]]
    by_citizen = [e for e in entries if "(Võ Thị Hồng Nhung)" in e]
    assert any(f'{SUPPLEMENTED} <span class="muted">(Võ Thị Hồng Nhung)' in e for e in by_citizen)
    # The resubmission used to read as the status it reached: "Đang xử lý (<citizen>)".
    assert not any('Đang xử lý <span class="muted">(Võ' in e for e in by_citizen)


def test_the_citizen_history_and_the_control_sheet_use_the_same_words(client):
    team = make_team()
    citizen = make_citizen()
    dossier = _supplemented(team, citizen)
    client.force_login(citizen)
    page = client.get(reverse("tracking:my_dossier", args=[dossier.code])).content.decode()
    assert SUPPLEMENTED in page and "Nộp hồ sơ trực tuyến" in page
    text = PdfReader(BytesIO(control.build(dossier))).pages[0].extract_text()
    assert SUPPLEMENTED in " ".join(text.split())
