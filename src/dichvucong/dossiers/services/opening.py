"""The one path that opens a dossier, for every channel (online submission, counter intake)."""

from collections.abc import Mapping
from datetime import datetime

from dichvucong.accounts.signin import PASSWORD as PASSWORD_SIGN_IN
from dichvucong.accounts.signin import SignedInIdentity
from dichvucong.catalog.fees import fee_quote
from dichvucong.core.audit import audit_log
from dichvucong.core.tasks import enqueue_on_commit
from dichvucong.core.text import search_text
from dichvucong.core.vn.addresses import format_address
from dichvucong.dossiers.appointments import appointment_at
from dichvucong.dossiers.codes import allocate_dossier_code
from dichvucong.dossiers.models import Channel, Dossier, DossierEvent, DossierStatus


def snapshot_applicant(
    dossier: Dossier, *, account=None, details: Mapping[str, str] | None = None
) -> None:
    """Copy who applies onto the dossier: from their account, or from what the counter typed."""
    if account is not None:
        dossier.applicant = account
        dossier.applicant_name = account.get_full_name() or account.username
        dossier.applicant_id_number = account.id_number or ""
        dossier.applicant_phone = account.phone or ""
        dossier.applicant_email = account.email or ""
        dossier.applicant_address = format_address(
            line=account.address_line,
            commune=account.commune_code,
            province=account.province_code,
        )[:300]
        return
    details = details or {}
    dossier.applicant_name = details.get("name", "").strip()
    dossier.applicant_id_number = details.get("id_number", "").strip()
    dossier.applicant_phone = details.get("phone", "").strip()
    dossier.applicant_email = details.get("email", "").strip()
    dossier.applicant_address = details.get("address", "").strip()[:300]


def dossier_search_text(dossier: Dossier) -> str:
    """Return the folded text the officer inbox searches: code, applicant, ID, phone, procedure."""
    parts = (
        dossier.code or "",
        dossier.applicant_name,
        dossier.applicant_id_number,
        dossier.applicant_phone,
        dossier.procedure.name,
    )
    return search_text(" ".join(p for p in parts if p))


def dossier_open(
    *,
    dossier: Dossier,
    actor,
    channel: int,
    moment: datetime,
    account=None,
    applicant_details: Mapping[str, str] | None = None,
    ip_address: str | None = None,
    identity: SignedInIdentity | None = None,
    national_code: str | None = None,
) -> DossierEvent:
    """Open a dossier in the caller's transaction: code, appointment, search text, first event.

    Online (channel 2) the dossier becomes "Mới đăng ký" and waits for the counter; at the
    counter (channel 1) the officer `actor` receives it there and then ("Được tiếp nhận").
    Writes the audit row and queues the after-commit work; returns the first history entry.
    The dossier records how the applicant proved who they are: `identity` (accounts.signin)
    for an account holder (a password login when None) or as the national portal vouched for
    them, "counter" for details an officer typed. A dossier filed on the national portal keeps
    its `national_code` as its code.
    """
    received = channel == Channel.COUNTER
    from_status = None if dossier.pk is None else dossier.status
    snapshot_applicant(dossier, account=account, details=applicant_details)
    if account is not None:
        identity = identity or PASSWORD_SIGN_IN
        dossier.applicant_identity_method = identity.method
        dossier.applicant_identity_level = identity.level
    elif identity is not None:
        dossier.applicant_identity_method = identity.method
        dossier.applicant_identity_level = identity.level
    else:
        dossier.applicant_identity_method = "counter"
        dossier.applicant_identity_level = None
    dossier.code = national_code or allocate_dossier_code(agency=dossier.agency, moment=moment)
    dossier.channel = channel
    dossier.status = DossierStatus.RECEIVED if received else DossierStatus.NEW
    dossier.submitted_at = moment
    if received:
        dossier.received_at = moment
        dossier.received_by = actor
    # The clock starts at reception (see dossiers.appointments): none yet for an online dossier.
    dossier.due_at = appointment_at(dossier.procedure, moment) if received else None
    _fee_snapshot(dossier)
    dossier.search_text = dossier_search_text(dossier)
    dossier.draft_step = ""
    dossier.save()
    event = DossierEvent.objects.create(
        dossier=dossier,
        actor=actor,
        action="receive" if received else "submitted",
        from_status=from_status,
        to_status=dossier.status,
        data={"code": dossier.code, "channel": channel},
    )
    audit_log(
        action="dossier.counter_create" if received else "dossier.submitted",
        actor=actor,
        target=dossier,
        data={"code": dossier.code},
        ip_address=ip_address,
    )
    _schedule_after_commit(dossier)
    return event


def _fee_snapshot(dossier: Dossier) -> None:
    """Fix what a new dossier owes: the catalog's fee rows for its channel and its answers."""
    dossier.fee_total, dossier.fee_lines = fee_quote(
        procedure=dossier.procedure, channel=dossier.channel, data=dossier.form_data
    ).snapshot()


def _schedule_after_commit(dossier: Dossier) -> None:
    # Online: the receipt PDF and the SMS with the code. A counter dossier's slips and notices
    # follow its "receive" event, which the status machine's effects handle (the caller).
    from dichvucong.dossiers.tasks import generate_receipt, send_submission_sms

    if dossier.channel != Channel.COUNTER:
        enqueue_on_commit(generate_receipt, dossier.pk)
        enqueue_on_commit(send_submission_sms, dossier.pk)
