from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import DossierEvent
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.machine import (
    TRANSITIONS,
    RoleNotAllowed,
    StaleDossier,
    TransitionError,
    TransitionNotAllowed,
)
from dichvucong.processing.services import add_result_file, approval_step, dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def test_every_transition_names_its_roles_and_only_withdraw_is_for_applicants():
    for transition in TRANSITIONS:
        assert transition.roles
        if transition.action not in ("withdraw", "resubmit"):
            assert "applicant" not in transition.roles


def test_counter_officer_receives_a_new_dossier_and_history_and_audit_record_it():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    assert dossier.status == S.RECEIVED
    assert dossier.received_by == team["counter"]
    assert dossier.due_at is not None and dossier.due_at > dossier.received_at
    event = DossierEvent.objects.filter(dossier=dossier).last()
    assert (event.action, event.from_status, event.to_status) == ("receive", 1, 2)
    assert AuditLog.objects.filter(
        action="dossier.receive", target_id=str(dossier.pk), actor=team["counter"]
    ).exists()


def test_a_move_not_in_the_table_is_refused_with_a_clear_message():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with pytest.raises(TransitionNotAllowed, match="Không thể chuyển hồ sơ"):
        dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])


def test_a_specialist_cannot_receive_and_a_citizen_cannot_approve():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with pytest.raises(RoleNotAllowed):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["specialist"])
    with pytest.raises(RoleNotAllowed):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=dossier.applicant)


def test_officer_of_another_agency_holds_no_role_on_the_dossier():
    team, other = make_team(), make_team()
    dossier = make_dossier(agency=team["agency"])
    with pytest.raises(RoleNotAllowed):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=other["counter"])


def test_refusal_and_stop_need_a_reason():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with pytest.raises(TransitionError, match="lý do"):
        dossier_transition(dossier=dossier, to=S.NOT_RECEIVED, actor=team["counter"], note=" ")
    dossier_transition(
        dossier=dossier,
        to=S.NOT_RECEIVED,
        actor=team["counter"],
        note="Hồ sơ không thuộc thẩm quyền",
    )
    assert DossierEvent.objects.filter(dossier=dossier, action="refuse").get().note


def test_a_stale_copy_loses_to_the_officer_who_acted_first():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    stale = type(dossier).objects.get(pk=dossier.pk)
    dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    with pytest.raises(StaleDossier, match="người khác"):
        dossier_transition(
            dossier=stale, to=S.NOT_RECEIVED, actor=team["counter"], note="Thiếu giấy tờ"
        )
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("action", flat=True)) == [
        "submitted",
        "receive",
    ]


def test_supplement_pauses_the_clock_and_resubmission_returns_to_the_specialist():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    dossier = dossier_transition(dossier=dossier, to=S.PROCESSING, actor=team["specialist"])
    assert dossier.assignee == team["specialist"]
    dossier = dossier_transition(
        dossier=dossier,
        to=S.SUPPLEMENT_REQUESTED,
        actor=team["specialist"],
        note="Ảnh CCCD bị mờ",
        data={"documents": ["Căn cước công dân"]},
    )
    assert dossier.clock_paused_at is not None
    with pytest.raises(TransitionNotAllowed, match="trở về"):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=dossier.applicant)
    dossier = dossier_transition(dossier=dossier, to=S.PROCESSING, actor=dossier.applicant)
    assert dossier.clock_paused_at is None


def test_leader_approval_needs_a_result_file_and_records_timeliness():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    dossier = dossier_transition(dossier=dossier, to=S.PROCESSING, actor=team["specialist"])
    with pytest.raises(TransitionError, match="kết quả"):
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    add_result_file(
        dossier=dossier,
        actor=team["specialist"],
        upload=SimpleUploadedFile("ket-qua.pdf", small_pdf()),
    )
    with pytest.raises(RoleNotAllowed):
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["specialist"])
    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier = dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    assert dossier.completed_at is not None
    assert dossier.timeliness in ("early", "on_time")
    dossier = dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    assert dossier.returned_at is not None


def test_a_result_file_that_is_not_what_its_name_says_is_refused_and_not_stored():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    dossier = dossier_transition(dossier=dossier, to=S.PROCESSING, actor=team["specialist"])
    with pytest.raises(TransitionError, match="Định dạng tệp không được chấp nhận"):
        add_result_file(
            dossier=dossier,
            actor=team["specialist"],
            upload=SimpleUploadedFile("ket-qua.pdf", b"<html>not a pdf</html>"),
        )
    assert not dossier.attachments.exists()


def test_late_completion_is_recorded_as_late():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    dossier = dossier_transition(dossier=dossier, to=S.PROCESSING, actor=team["specialist"])
    type(dossier).objects.filter(pk=dossier.pk).update(due_at=dossier.due_at - timedelta(days=30))
    dossier.refresh_from_db()
    add_result_file(
        dossier=dossier, actor=team["leader"], upload=SimpleUploadedFile("ket-qua.pdf", small_pdf())
    )
    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier = dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    assert dossier.timeliness == "late"


def test_citizen_withdraws_before_a_result_but_not_after():
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    dossier = dossier_transition(dossier=dossier, to=S.WITHDRAWN, actor=dossier.applicant)
    assert dossier.status == S.WITHDRAWN
    done = make_dossier(agency=team["agency"], status=S.DONE)
    with pytest.raises(TransitionNotAllowed):
        dossier_transition(dossier=done, to=S.WITHDRAWN, actor=done.applicant)
