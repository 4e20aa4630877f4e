"""The national status machine: which transitions exist and who may take them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.permissions import (
    APPROVE_ROLES,
    COLLECT_FEE_ROLES,
    FORWARD_ROLES,
    HAND_OVER_ROLES,
    PROCESS_ROLES,
    RECEIVE_ROLES,
    REQUEST_FEE_ROLES,
    RETURN_FOR_REWORK_ROLES,
    SUBMIT_APPROVAL_ROLES,
)
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.statuses import WITHDRAWABLE

# Staff roles are accounts.permissions' (its role sets say which role may do what; this
# table says when); two more actors only the machine knows: the applicant and the system.
APPLICANT, SYSTEM = "applicant", "system"


@dataclass(frozen=True)
class Transition:
    """One allowed move between national statuses."""

    source: int
    target: int
    roles: frozenset[str]
    action: str
    label: str
    needs_reason: bool = False


def _t(source, target, roles, action, label, needs_reason=False) -> Transition:
    return Transition(int(source), int(target), frozenset(roles), action, label, needs_reason)


TRANSITIONS: tuple[Transition, ...] = (
    _t(S.NEW, S.RECEIVED, RECEIVE_ROLES, "receive", _("Tiếp nhận hồ sơ")),
    _t(S.NEW, S.NOT_RECEIVED, RECEIVE_ROLES, "refuse", _("Từ chối tiếp nhận"), True),
    _t(
        S.NEW,
        S.SUPPLEMENT_REQUESTED,
        RECEIVE_ROLES,
        "request_supplement",
        _("Yêu cầu bổ sung"),
        True,
    ),
    _t(S.RECEIVED, S.PROCESSING, FORWARD_ROLES, "start_processing", _("Chuyển xử lý")),
    _t(
        S.RECEIVED,
        S.SUPPLEMENT_REQUESTED,
        FORWARD_ROLES,
        "request_supplement",
        _("Yêu cầu bổ sung"),
        True,
    ),
    _t(
        S.PROCESSING,
        S.SUPPLEMENT_REQUESTED,
        PROCESS_ROLES,
        "request_supplement",
        _("Yêu cầu bổ sung"),
        True,
    ),
    _t(S.SUPPLEMENT_REQUESTED, S.NEW, {APPLICANT}, "resubmit", _("Nộp bổ sung")),
    _t(S.SUPPLEMENT_REQUESTED, S.RECEIVED, {APPLICANT}, "resubmit", _("Nộp bổ sung")),
    _t(S.SUPPLEMENT_REQUESTED, S.PROCESSING, {APPLICANT}, "resubmit", _("Nộp bổ sung")),
    _t(
        S.PROCESSING,
        S.PAYMENT_REQUESTED,
        REQUEST_FEE_ROLES | {SYSTEM},
        "request_payment",
        _("Yêu cầu nộp phí, lệ phí"),
    ),
    _t(
        S.PAYMENT_REQUESTED,
        S.PROCESSING,
        COLLECT_FEE_ROLES | {SYSTEM},
        "payment_paid",
        _("Xác nhận đã nộp phí"),
    ),
    _t(S.PROCESSING, S.DONE, APPROVE_ROLES, "approve", _("Phê duyệt kết quả")),
    _t(S.PROCESSING, S.STOPPED, PROCESS_ROLES, "stop", _("Dừng xử lý"), True),
    _t(S.DONE, S.RETURNED, HAND_OVER_ROLES | {SYSTEM}, "return_result", _("Trả kết quả")),
    *(
        _t(source, S.WITHDRAWN, {APPLICANT}, "withdraw", _("Rút hồ sơ"))
        for source in sorted(WITHDRAWABLE)
    ),
)


@dataclass(frozen=True)
class Step:
    """An action inside one national status: recorded in the history, the status stays.

    `awaiting` is the approval flag (`Dossier.awaiting_approval`) the step needs before it and
    `sets` the value it leaves; "approve" (4 -> 9) also needs the flag set (`needs_approval`).
    """

    status: int
    action: str
    roles: frozenset[str]
    label: str
    awaiting: bool
    sets: bool
    needs_reason: bool = False


STEPS: tuple[Step, ...] = (
    Step(
        int(S.PROCESSING),
        "submit_for_approval",
        SUBMIT_APPROVAL_ROLES,
        _("Trình phê duyệt"),
        awaiting=False,
        sets=True,
    ),
    Step(
        int(S.PROCESSING),
        "return_for_rework",
        RETURN_FOR_REWORK_ROLES,
        _("Trả lại để xử lý lại"),
        awaiting=True,
        sets=False,
        needs_reason=True,
    ),
)
STEPS_BY_ACTION = {step.action: step for step in STEPS}


def needs_approval(transition: "Transition") -> bool:
    """Tell whether a move may be taken only after the result was submitted for approval."""
    return transition.action == "approve"


def steps_from(status: int, awaiting: bool, roles: set[str]) -> list[Step]:
    """Return the in-status steps open to these roles for a dossier in this state."""
    return [
        s for s in STEPS if s.status == int(status) and s.awaiting == awaiting and s.roles & roles
    ]


_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def sources_of(action: str) -> frozenset[int]:
    """Return the statuses a machine action can be taken from."""
    return frozenset(t.source for t in TRANSITIONS if t.action == action)


# Status sets the officer and citizen pages need, derived from the table (h3's named status
# groups next to DossierStatus may take them over).
RESULT_WORK_STATUSES = sources_of("approve")  # the result is uploaded before approval
HAND_OVER_STATUSES = sources_of("return_result")  # originals and fees checked before it
WITHDRAWABLE_STATUSES = sources_of("withdraw")
SUPPLEMENT_STATUSES = sources_of("resubmit")


class TransitionError(Exception):
    """A dossier action that cannot be taken; the message is shown to the user."""

    status_code = 400


class TransitionNotAllowed(TransitionError):
    """The move is not in the national status table."""

    status_code = 409


class RoleNotAllowed(TransitionError):
    """The move exists, but this person holds no role that may take it."""

    status_code = 403


class StaleDossier(TransitionError):
    """Someone else changed the dossier first (two officers acting at once)."""

    status_code = 409


def find_transition(source: int, target: int) -> Transition | None:
    """Return the table row for a move, or None."""
    return _BY_PAIR.get((int(source), int(target)))


def transitions_from(source: int, roles: set[str]) -> list[Transition]:
    """Return the moves out of a status that someone with these roles may take."""
    return [t for t in TRANSITIONS if t.source == int(source) and t.roles & roles]
