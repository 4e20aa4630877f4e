"""One appointment rule: counted from reception, and "Trong ngày" for a 0-day procedure."""

import uuid
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.calendar import OVERRIDES_CACHE_KEY
from dichvucong.dossiers.appointments import appointment_text
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    upload,
)
from dichvucong.processing.services import counter_create_dossier, dossier_transition
from dichvucong.processing.slips.base import appointment as slip_appointment
from dichvucong.processing.tests.factories import make_team

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    cache.delete(OVERRIDES_CACHE_KEY)  # another test's override may linger after its rollback


def at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN)


def _walk_in(team, moment, days):
    procedure, _, _ = procedure_with_documents(
        agencies=[team["agency"]], processing_days=Decimal(days)
    )
    with time_machine.travel(moment, tick=False):
        return counter_create_dossier(
            actor=team["counter"],
            agency=team["agency"],
            procedure=procedure,
            applicant={"name": "Đặng Văn Quầy"},
        )


def _online(team, moment, days, citizen=None):
    procedure, doc, _ = procedure_with_documents(
        agencies=[team["agency"]], processing_days=Decimal(days)
    )
    with time_machine.travel(moment, tick=False):
        return dossier_submit(
            applicant=citizen or make_citizen(),
            procedure=procedure,
            data=ANSWERS,
            files=[(doc, upload("to-khai.jpg", document_photo()))],
            idempotency_key=uuid.uuid4(),
        )


def test_a_same_day_procedure_received_on_friday_afternoon_is_due_when_offices_close(client):
    team = make_team()
    dossier = _walk_in(team, at(2026, 12, 4, 15, 30), "0")  # Friday
    assert dossier.due_at == at(2026, 12, 4, 17)
    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Trong ngày 04/12/2026" in page
    assert slip_appointment(dossier) == "Trong ngày 04/12/2026"


def test_a_same_day_procedure_received_at_night_is_due_at_the_end_of_the_next_working_day():
    dossier = _walk_in(make_team(), at(2026, 12, 4, 20), "0")  # Friday night
    assert dossier.due_at == at(2026, 12, 7, 17)  # Monday
    assert appointment_text(dossier) == "Trong ngày 07/12/2026"


def test_a_dossier_received_on_a_holiday_counts_from_the_next_working_morning():
    team = make_team()
    same_day = _walk_in(team, at(2026, 9, 1, 10), "0")  # National Day (1–2 Sep)
    assert same_day.due_at == at(2026, 9, 3, 17)
    two_days = _walk_in(team, at(2026, 9, 2, 10), "2")
    assert two_days.due_at == at(2026, 9, 4, 17)  # Thu 07:00 + 16 office hours


def test_an_online_dossier_gets_its_appointment_when_the_officer_receives_it(client):
    team = make_team()
    citizen = make_citizen()
    dossier = _online(team, at(2026, 12, 4, 16), "2", citizen)  # Friday afternoon
    assert dossier.due_at is None
    client.force_login(citizen)
    page = client.get(reverse("tracking:my_dossier", args=[dossier.code])).content.decode()
    assert "Hẹn khi tiếp nhận hồ sơ" in page
    with time_machine.travel(at(2026, 12, 7, 9), tick=False):  # Monday
        dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    assert dossier.due_at == at(2026, 12, 9, 9)
    page = client.get(reverse("tracking:my_dossier", args=[dossier.code])).content.decode()
    assert "09:00 09/12/2026" in page


def test_a_same_day_online_dossier_shows_trong_ngay_on_the_citizen_pages(client):
    team = make_team()
    citizen = make_citizen()
    dossier = _online(team, at(2026, 12, 4, 21), "0", citizen)  # Friday night
    client.force_login(citizen)
    assert "Trong ngày tiếp nhận" in client.get(reverse("tracking:my_dossiers")).content.decode()
    with time_machine.travel(at(2026, 12, 7, 8), tick=False):
        dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    assert dossier.due_at == at(2026, 12, 7, 17)
    for url in (
        reverse("tracking:my_dossiers"),
        reverse("tracking:my_dossier", args=[dossier.code]),
    ):
        assert "Trong ngày 07/12/2026" in client.get(url).content.decode()


def test_a_supplement_moves_a_same_day_appointment_by_the_paused_office_time():
    team = make_team()
    citizen = make_citizen()
    dossier = _online(team, at(2026, 12, 7, 7, 30), "0", citizen)  # Monday
    with time_machine.travel(at(2026, 12, 7, 8), tick=False):
        dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    assert dossier.due_at == at(2026, 12, 7, 17)
    with time_machine.travel(at(2026, 12, 7, 10), tick=False):
        dossier = dossier_transition(
            dossier=dossier, to=S.SUPPLEMENT_REQUESTED, actor=team["counter"], note="Thiếu tờ khai"
        )
    with time_machine.travel(at(2026, 12, 8, 10), tick=False):
        dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=citizen)
    # Paused 10:00–17:00 Monday (5 office hours) and 07:00–10:00 Tuesday (3): one working day.
    assert dossier.due_at == at(2026, 12, 8, 17)
    assert appointment_text(dossier) == "Trong ngày 08/12/2026"


def test_a_same_day_appointment_moved_to_a_morning_shows_its_hour():
    team = make_team()
    citizen = make_citizen()
    dossier = _online(team, at(2026, 12, 7, 7, 30), "0", citizen)  # Monday
    with time_machine.travel(at(2026, 12, 7, 8), tick=False):
        dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    with time_machine.travel(at(2026, 12, 7, 15), tick=False):
        dossier = dossier_transition(
            dossier=dossier, to=S.SUPPLEMENT_REQUESTED, actor=team["counter"], note="Thiếu tờ khai"
        )
    with time_machine.travel(at(2026, 12, 7, 17), tick=False):
        dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=citizen)
    # Paused 15:00–17:00: two office hours after Monday's closing, Tuesday 09:00.
    assert dossier.due_at == at(2026, 12, 8, 9)
    assert appointment_text(dossier) == "09:00 08/12/2026"
