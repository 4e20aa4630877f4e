"""The named status groups agree with the status machine's table."""

from dichvucong.dossiers import statuses
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.machine import APPLICANT, TRANSITIONS, find_transition


def test_the_applicant_may_withdraw_exactly_from_the_withdrawable_statuses():
    withdraws = {t.source for t in TRANSITIONS if t.target == S.WITHDRAWN}
    assert withdraws == statuses.WITHDRAWABLE
    assert all(APPLICANT in find_transition(s, S.WITHDRAWN).roles for s in withdraws)


def test_final_statuses_are_those_no_move_leaves():
    sources = {t.source for t in TRANSITIONS}
    assert set(S) - sources - {S.DRAFT} == statuses.FINAL  # a draft leaves by submission


def test_in_progress_is_every_submitted_status_neither_final_nor_done():
    assert set(S) - statuses.FINAL - {S.DRAFT, S.DONE} == statuses.IN_PROGRESS
    assert statuses.FINAL | {S.DONE} == statuses.CLOSED
    assert statuses.PAYABLE <= statuses.IN_PROGRESS


def test_the_clock_is_paused_where_the_citizen_resubmits_and_runs_once_received():
    assert {t.source for t in TRANSITIONS if t.action == "resubmit"} == statuses.CLOCK_PAUSED
    received = {t.target for t in TRANSITIONS if t.action == "receive"}
    assert received <= statuses.CLOCK_RUNNING
    assert not statuses.CLOCK_RUNNING & (statuses.CLOCK_PAUSED | statuses.CLOSED | {S.NEW})
    # Every move out of a running clock either keeps it running, pauses it, or ends the work.
    for t in TRANSITIONS:
        if t.source in statuses.CLOCK_RUNNING:
            assert t.target in statuses.CLOCK_RUNNING | statuses.CLOCK_PAUSED | statuses.CLOSED
