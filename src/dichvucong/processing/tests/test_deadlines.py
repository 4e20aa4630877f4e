from datetime import datetime
from decimal import Decimal
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.inbox import TABS_BY_SLUG, InboxFilters, inbox_page, tab_counts
from dichvucong.processing.models import DeadlineExtension
from dichvucong.processing.services import (
    add_result_file,
    approval_step,
    dossier_transition,
    extend_deadline,
)
from dichvucong.processing.tests.factories import make_dossier, make_team

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def at(y, m, d, hh=9, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN)


def _clock(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _received(team, moment, days="3"):
    dossier = make_dossier(agency=team["agency"])
    dossier.procedure.processing_days = Decimal(days)
    dossier.procedure.save()
    with _clock(moment):
        return dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])


def test_dossier_received_just_before_tet_2027_is_due_after_the_holiday():
    # Wednesday 3 Feb 2027 15:00, 3 working days: 2 h that day, then Tết (4–10 Feb) and the
    # weekend are skipped: Thu 11, Fri 12 and 6 office hours of Monday 15 Feb.
    dossier = _received(make_team(), at(2027, 2, 3, 15))
    assert dossier.due_at == at(2027, 2, 15, 15)


def test_supplement_pauses_the_clock_across_tet_and_moves_the_due_date():
    team = make_team()
    dossier = _received(team, at(2027, 2, 3, 8))
    # 7 h on 3 Feb, 8 h on 11 and 12 Feb, 1 h on Monday 15 Feb.
    assert dossier.due_at == at(2027, 2, 15, 8)
    with _clock(at(2027, 2, 3, 15)):
        dossier = dossier_transition(
            dossier=dossier,
            to=S.SUPPLEMENT_REQUESTED,
            actor=team["counter"],
            note="Thiếu bản sao giấy khai sinh",
        )
    with _clock(at(2027, 2, 11, 9)):
        dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=dossier.applicant)
    # Paused 15:00–17:00 on 3 Feb and 07:00–09:00 on 11 Feb: 4 office hours later, across
    # the lunch break: 08:00 + 3.5 h to 11:30, then 0.5 h from 13:30.
    assert dossier.due_at == at(2027, 2, 15, 14)
    assert dossier.clock_paused_at is None


def test_overdue_and_due_soon_tabs_and_the_apology_with_a_new_appointment():
    team = make_team()
    late = _received(team, at(2026, 11, 2, 9), days="1")
    soon = make_dossier(agency=team["agency"], status=S.PROCESSING, due_at=at(2026, 11, 25, 16))
    now = at(2026, 11, 25, 10)
    counts = tab_counts({team["agency"].pk}, now, at(2026, 11, 26, 10))
    assert counts["qua-han"] == 1 and counts["sap-den-han"] == 1
    rows, _cursor = inbox_page(
        agency_ids={team["agency"].pk}, tab=TABS_BY_SLUG["qua-han"], filters=InboxFilters(), now=now
    )
    assert [r.pk for r in rows] == [late.pk]
    assert soon.pk not in [r.pk for r in rows]
    with _clock(now):
        extension = extend_deadline(
            dossier=late,
            actor=team["specialist"],
            new_due_at=at(2026, 11, 27, 16),
            reason="Chờ ý kiến cơ quan phối hợp",
        )
    late.refresh_from_db()
    assert late.due_at == at(2026, 11, 27, 16)
    assert DeadlineExtension.objects.get(dossier=late).old_due_at == at(2026, 11, 3, 9)
    assert extension.reason


def test_completion_after_the_original_appointment_counts_as_late_even_with_an_apology():
    team = make_team()
    dossier = _received(team, at(2026, 11, 2, 9), days="1")
    with _clock(at(2026, 11, 4, 9)):
        dossier = dossier_transition(dossier=dossier, to=S.PROCESSING, actor=team["specialist"])
        extend_deadline(
            dossier=dossier,
            actor=team["leader"],
            new_due_at=at(2026, 11, 6, 16),
            reason="Cần xác minh thực địa",
        )
        dossier.refresh_from_db()
        add_result_file(
            dossier=dossier,
            actor=team["specialist"],
            upload=SimpleUploadedFile("kq.pdf", small_pdf()),
        )
    with _clock(at(2026, 11, 5, 9)):
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
        dossier = dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    assert dossier.timeliness == "late"


def test_completion_a_day_before_the_appointment_is_early():
    team = make_team()
    dossier = _received(team, at(2026, 11, 2, 9), days="3")
    with _clock(at(2026, 11, 3, 9)):
        dossier = dossier_transition(dossier=dossier, to=S.PROCESSING, actor=team["specialist"])
        add_result_file(
            dossier=dossier,
            actor=team["specialist"],
            upload=SimpleUploadedFile("kq.pdf", small_pdf()),
        )
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
        dossier = dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    assert dossier.timeliness == "early"
