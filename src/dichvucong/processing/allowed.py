"""What a user may do with a dossier now: the machine's table (when) and accounts.permissions
(who), in one answer that pages ask instead of comparing status numbers."""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from dichvucong.accounts.permissions import (
    may_collect_fee,
    may_process,
    may_record_originals,
    may_ship_result,
)
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.models import Dossier, ResultDelivery
from dichvucong.processing.machine import (
    APPLICANT,
    HAND_OVER_STATUSES,
    RESULT_WORK_STATUSES,
    Step,
    Transition,
    needs_approval,
    steps_from,
    transitions_from,
)
from dichvucong.processing.selectors import actor_roles


@dataclass(frozen=True)
class AllowedActions:
    """The actions open to one user on one dossier; `"name" in actions` in templates.

    Names: the machine's actions (receive, refuse, request_supplement, start_processing,
    request_payment, payment_paid, approve, stop, return_result, resubmit, withdraw), its
    in-status steps (submit_for_approval, return_for_rework; "approve" only once submitted), and
    upload_result, apologise, record_originals, collect_fee, ship_result (officers), pay
    (the applicant).
    """

    transitions: tuple[Transition, ...] = ()
    citizen_transitions: tuple[Transition, ...] = ()
    steps: tuple[Step, ...] = ()
    names: frozenset[str] = field(default_factory=frozenset)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __bool__(self) -> bool:
        return bool(self.names)


def allowed_actions(user, dossier: Dossier, now: datetime | None = None) -> AllowedActions:
    """Return what `user` may do with `dossier` in its current status."""
    from dichvucong.processing.services.counter import (
        awaits_postal_delivery,
        needs_counter_checks,
    )
    from dichvucong.processing.services.work import needs_apology

    if not getattr(user, "is_authenticated", False) or not dossier.status:
        return AllowedActions()
    roles = actor_roles(user, dossier)
    moves = transitions_from(dossier.status, roles)
    officer = tuple(
        t
        for t in moves
        if t.roles & (roles - {APPLICANT}) and (dossier.awaiting_approval or not needs_approval(t))
    )
    steps = tuple(steps_from(dossier.status, dossier.awaiting_approval, roles - {APPLICANT}))
    if dossier.status in HAND_OVER_STATUSES and awaits_postal_delivery(dossier):
        # The post's "delivered" report returns it; the officer ships it instead.
        officer = tuple(t for t in officer if t.action != "return_result")
    citizen = tuple(t for t in moves if APPLICANT in t.roles and APPLICANT in roles)
    names = {t.action for t in officer} | {t.action for t in citizen} | {s.action for s in steps}
    status = dossier.status
    if status in RESULT_WORK_STATUSES and may_process(user, dossier):
        names.add("upload_result")
    if may_process(user, dossier) and needs_apology(dossier, now or timezone.now()):
        names.add("apologise")
    fees = fee_state(dossier)
    if status in HAND_OVER_STATUSES:
        if needs_counter_checks(dossier) and may_record_originals(user, dossier):
            names.add("record_originals")
        at_counter = dossier.result_delivery == ResultDelivery.COUNTER
        if at_counter and not fees.is_settled and may_collect_fee(user, dossier):
            names.add("collect_fee")
        if dossier.result_delivery == ResultDelivery.POST and may_ship_result(user, dossier):
            names.add("ship_result")
    if APPLICANT in roles and fees.state == "due":
        names.add("pay")
    return AllowedActions(
        transitions=officer, citizen_transitions=citizen, steps=steps, names=frozenset(names)
    )
