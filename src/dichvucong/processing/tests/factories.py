"""Dossiers in every lifecycle state, reached through the real services (factory_boy).

`ProcessingDossierFactory` opens a dossier like `dossiers.tests.factories.DossierFactory`
and then walks it through the status machine with the agency's officers (the counter
receives and forwards, the specialist requests supplements or fees and uploads the result,
the leader approves, the counter collects the fee and returns it). Each step is the service a
page calls, so a test sees the history, deadlines, fee state and audit rows production writes.
"""

import uuid

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from dichvucong.accounts.models import StaffRole
from dichvucong.accounts.tests.factories import OfficerFactory, make_officer
from dichvucong.catalog.tests.factories import AgencyFactory, ProcedureFactory
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.models import Channel, Dossier, DossierStatus, ResultDelivery
from dichvucong.dossiers.tests.factories import FEE, FORM_DATA, DossierFactory
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.services import approval_step, dossier_transition
from dichvucong.processing.services.counter import (
    counter_create_dossier,
    needs_counter_checks,
    record_counter_payment,
    record_originals_checked,
)
from dichvucong.processing.services.work import add_result_file

S = DossierStatus
__all__ = ["FEE", "ProcessingDossierFactory", "make_dossier", "make_officer", "make_team"]

# The moves that reach each status from "Mới đăng ký", one (target, who) pair per step.
_RECEIVE = [(S.RECEIVED, "counter")]
_PROCESS = [*_RECEIVE, (S.PROCESSING, "counter")]
PATHS: dict[int, list[tuple[int, str]]] = {
    S.NEW: [],
    S.RECEIVED: _RECEIVE,
    S.NOT_RECEIVED: [(S.NOT_RECEIVED, "counter")],
    S.PROCESSING: _PROCESS,
    S.SUPPLEMENT_REQUESTED: [*_PROCESS, (S.SUPPLEMENT_REQUESTED, "specialist")],
    S.PAYMENT_REQUESTED: [*_PROCESS, (S.PAYMENT_REQUESTED, "specialist")],
    S.WITHDRAWN: [(S.WITHDRAWN, "applicant")],
    S.STOPPED: [*_PROCESS, (S.STOPPED, "specialist")],
    S.DONE: [*_PROCESS, (S.DONE, "leader")],
    S.RETURNED: [*_PROCESS, (S.DONE, "leader"), (S.RETURNED, "counter")],
}
REASONS = {
    S.NOT_RECEIVED: "Hồ sơ không thuộc thẩm quyền.",
    S.SUPPLEMENT_REQUESTED: "Bổ sung bản sao giấy khai sinh.",
    S.STOPPED: "Dừng theo đề nghị của cơ quan cấp trên.",
}
TEAM_NAMES = {
    "counter": "Lê Thị Một Cửa",
    "specialist": "Phạm Văn Chuyên",
    "leader": "Hoàng Văn Lãnh",
}


def agency_officer(agency, role: str):
    """Return the agency's first officer with a role, creating one if it has none."""
    held = StaffRole.objects.filter(agency=agency, role=role).select_related("user").first()
    if held is not None:
        return held.user
    return OfficerFactory(agency=agency, roles=[role], full_name=TEAM_NAMES.get(role, "Cán bộ"))


def result_upload(name: str = "ket-qua.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, small_pdf(), content_type="application/pdf")


def walk_to(
    dossier: Dossier,
    status: int,
    *,
    fee_amount: int | None = None,
    notes: dict | None = None,
    step_data: dict | None = None,
) -> Dossier:
    """Move an opened dossier to `status` through the status machine, step by step.

    `notes` and `step_data` map a step's target status to the note and data the officer
    gives (`{S.SUPPLEMENT_REQUESTED: {"required_document_ids": [...]}}`).
    """
    notes, step_data = REASONS | (notes or {}), step_data or {}
    dossier = Dossier.objects.get(pk=dossier.pk)  # the caller's copy may be stale
    if dossier.status == S.PAYMENT_REQUESTED and int(status) != S.PAYMENT_REQUESTED:
        dossier = _pay_at_counter(dossier)
    for target, who in PATHS[int(status)][_steps_done(dossier, status) :]:
        actor = dossier.applicant if who == "applicant" else agency_officer(dossier.agency, who)
        data = dict(step_data.get(target, {}))
        if target == S.PROCESSING:
            data.setdefault("assignee_id", agency_officer(dossier.agency, "specialist").pk)
        if target == S.PAYMENT_REQUESTED:
            data.setdefault("amount", fee_amount or fee_state(dossier).outstanding or FEE)
        if target == S.DONE:
            add_result_file(dossier=dossier, actor=actor, upload=result_upload())
            specialist = agency_officer(dossier.agency, "specialist")
            approval_step(dossier=dossier, action="submit_for_approval", actor=specialist)
        if target == S.RETURNED:
            _ready_to_hand_over(dossier, actor)
        dossier = dossier_transition(
            dossier=dossier, to=target, actor=actor, note=notes.get(target, ""), data=data
        )
    return dossier


def _pay_at_counter(dossier: Dossier) -> Dossier:
    """Settle a requested fee at the counter and confirm it (6 → 4), as the counter page does."""
    counter = agency_officer(dossier.agency, "counter")
    _settle_fee(dossier, counter)
    return dossier_transition(dossier=dossier, to=S.PROCESSING, actor=counter)


def _steps_done(dossier: Dossier, status: int) -> int:
    """A counter dossier starts received: skip the steps already behind it."""
    path = [target for target, _who in PATHS[int(status)]]
    return path.index(dossier.status) + 1 if dossier.status in path else 0


def _ready_to_hand_over(dossier: Dossier, counter) -> None:
    """Do what the counter does before handing a result over: compare originals, take the fee."""
    if needs_counter_checks(dossier) and dossier.originals_checked_at is None:
        record_originals_checked(dossier=dossier, actor=counter)
    if dossier.result_delivery == ResultDelivery.COUNTER:
        _settle_fee(dossier, counter)


def _settle_fee(dossier: Dossier, counter) -> None:
    owed = fee_state(dossier)
    if not owed.is_settled and owed.outstanding:
        record_counter_payment(
            dossier=dossier,
            actor=counter,
            amount=owed.outstanding,
            method="cash",
            receipt_number=f"BL-{uuid.uuid4().hex[:8]}",
        )


class ProcessingDossierFactory(DossierFactory):
    """A dossier in a lifecycle state, reached through the services.

    Traits: `draft`, `submitted` (the default), `received`, `in_processing`,
    `supplement_requested`, `payment_requested` (the specialist asks `fee_amount`, default
    the snapshot's outstanding amount or `FEE`), `done` (a result file uploaded, approved),
    `returned`, `refused`, `stopped`, `withdrawn`, `from_counter` (intake at the counter:
    received at once, no account), `with_fee`. `status=` picks a state by number; `notes=`
    and `step_data=` (keyed by a step's target status) are what the officers type on the way.
    """

    status = S.NEW
    fee_amount = None
    notes = None
    step_data = None

    class Params:
        submitted = factory.Trait(status=S.NEW)
        received = factory.Trait(status=S.RECEIVED)
        in_processing = factory.Trait(status=S.PROCESSING)
        supplement_requested = factory.Trait(status=S.SUPPLEMENT_REQUESTED)
        payment_requested = factory.Trait(status=S.PAYMENT_REQUESTED)
        done = factory.Trait(status=S.DONE)
        returned = factory.Trait(status=S.RETURNED)
        refused = factory.Trait(status=S.NOT_RECEIVED)
        stopped = factory.Trait(status=S.STOPPED)
        withdrawn = factory.Trait(status=S.WITHDRAWN)
        from_counter = factory.Trait(channel=Channel.COUNTER, applicant=None)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = int(kwargs.pop("status"))
        fee_amount = kwargs.pop("fee_amount")
        steps = {"notes": kwargs.pop("notes"), "step_data": kwargs.pop("step_data")}
        if status == S.DRAFT:
            kwargs["opened"] = False
        if kwargs.get("channel") == Channel.COUNTER and kwargs.get("opened", True):
            dossier = cls._counter_intake(kwargs)
        else:
            dossier = super()._create(model_class, *args, **kwargs)
        if status != S.DRAFT:
            with transaction.atomic():
                dossier = walk_to(dossier, status, fee_amount=fee_amount, **steps)
        return Dossier.objects.get(pk=dossier.pk)

    @classmethod
    def _counter_intake(cls, kwargs) -> Dossier:
        agency, procedure = kwargs["agency"], kwargs["procedure"]
        kwargs.pop("opened", None)
        details = {
            "name": kwargs.get("applicant_name") or "Trần Thị Mẫu",
            "phone": kwargs.get("applicant_phone") or "0912345678",
            "id_number": kwargs.get("applicant_id_number") or "",
        }
        dossier = counter_create_dossier(
            actor=agency_officer(agency, "counter"),
            agency=agency,
            procedure=procedure,
            applicant=details,
            form_data=kwargs.get("form_data") or {},
            result_delivery=kwargs.get("result_delivery", ResultDelivery.COUNTER),
        )
        if kwargs.get("applicant") is not None:
            # A walk-in who also has an account: the counter links it (no service for it yet).
            Dossier.objects.filter(pk=dossier.pk).update(applicant=kwargs["applicant"])
            dossier.refresh_from_db()
        return dossier


# Fields a test may still set on an opened dossier: moments the test needs that no service
# sets directly (a deadline already past). Everything else is given before opening or
# reached through the services.
AFTER_OPENING = frozenset({"due_at"})


def make_dossier(
    *,
    agency=None,
    procedure=None,
    applicant=None,
    status: int = S.NEW,
    channel: int = Channel.ONLINE,
    **overrides,
) -> Dossier:
    """Open a dossier through the real services and walk it to `status` (1 unless told)."""
    if agency is None:
        agency = procedure.agencies.first() if procedure else AgencyFactory()
    procedure = procedure or ProcedureFactory(agencies=[agency])
    later = {key: overrides.pop(key) for key in list(overrides) if key in AFTER_OPENING}
    if overrides.get("fee_total") is not None and int(status) == S.PAYMENT_REQUESTED:
        overrides["fee_amount"] = overrides.pop("fee_total")  # what the officer asks
    for key in ("fee_total", "fee_lines", "search_text", "received_at", "returned_at"):
        if key in overrides:
            raise TypeError(
                f"make_dossier(): {key} is what the services write; give the procedure a fee "
                "(ProcedureFactory(fees=[...])) or walk the dossier to the state instead"
            )
    if overrides.get("code", "") is None:
        overrides.pop("code")  # a draft has no code anyway
    kwargs = {"agency": agency, "procedure": procedure, "status": status, "channel": channel}
    if applicant is not None or channel == Channel.COUNTER:
        kwargs["applicant"] = applicant or None
    overrides.setdefault("form_data", dict(FORM_DATA))
    dossier = ProcessingDossierFactory(**kwargs, **overrides)
    if later:
        Dossier.objects.filter(pk=dossier.pk).update(**later)
        dossier.refresh_from_db()
    return dossier


def make_team(agency=None):
    """Create one agency's counter officer, specialist and leader."""
    agency = agency or AgencyFactory()
    return {
        "agency": agency,
        **{role: make_officer(agency, role, full_name=name) for role, name in TEAM_NAMES.items()},
    }
