"""Who may do what in the back office: the one home of every officer permission.

Each rule is a set of staff roles (held in the dossier's agency) and a named predicate. The
status machine's table (`processing.machine`) builds its rows from these same sets, so "which
role may do X" is answered here and only here; *when* (in which status) is the machine's.

Predicates take `(user, dossier)` or `(user)`; a dossier is anything with `agency_id`
(this part does not import `dossiers`); where the dossier does not exist yet (counter intake)
the agency itself stands for it.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse

from dichvucong.accounts.models import StaffRoleKind
from dichvucong.accounts.selectors import agencies_with_role, staff_roles

COUNTER = StaffRoleKind.COUNTER.value
SPECIALIST = StaffRoleKind.SPECIALIST.value
LEADER = StaffRoleKind.LEADER.value
AGENCY_ADMIN = StaffRoleKind.ADMIN.value
IDENTITY_CLERK = StaffRoleKind.IDENTITY_CLERK.value

# Roles that work on an agency's dossiers (see them, keep its tracking log). The identity
# clerk checks citizens' ID papers and sees no dossier.
DOSSIER_ROLES = frozenset({COUNTER, SPECIALIST, LEADER, AGENCY_ADMIN})
# The one-stop counter: receive, refuse, ask for papers at reception, hand results over.
RECEIVE_ROLES = frozenset({COUNTER})
# Processing: ask for supplements while processing, stop, upload results, apologise.
PROCESS_ROLES = frozenset({SPECIALIST, LEADER})
# Forwarding a received dossier to processing (assigning a specialist): either side.
FORWARD_ROLES = RECEIVE_ROLES | PROCESS_ROLES
APPROVE_ROLES = frozenset({LEADER})
# "Trình phê duyệt": the specialist submits the result to the leader, who approves it or
# returns it for rework (both inside national status 4, see processing.machine STEPS).
SUBMIT_APPROVAL_ROLES = frozenset({SPECIALIST})
RETURN_FOR_REWORK_ROLES = APPROVE_ROLES
REQUEST_FEE_ROLES = PROCESS_ROLES
# Waiving a fee is a decision on the dossier, taken by whoever may ask for the fee.
WAIVE_FEE_ROLES = PROCESS_ROLES
COLLECT_FEE_ROLES = RECEIVE_ROLES
RECORD_ORIGINALS_ROLES = RECEIVE_ROLES
HAND_OVER_ROLES = RECEIVE_ROLES
SHIP_RESULT_ROLES = RECEIVE_ROLES
VERIFY_IDENTITY_ROLES = frozenset({IDENTITY_CLERK})
# Watch the sync with the National Public Service Portal and resend what it refused.
NATIONAL_SYNC_ROLES = frozenset({LEADER, AGENCY_ADMIN})


def _agency_id(target: Any) -> int | None:
    # A dossier (or anything with agency_id), else an agency, else an agency id.
    if hasattr(target, "agency_id"):
        return target.agency_id
    return getattr(target, "pk", target)


def _holds(user: Any, target: Any, roles: frozenset[str]) -> bool:
    return bool(staff_roles(user, _agency_id(target)) & roles)


def staff_agency_ids(user: Any) -> set[int]:
    """Return the ids of the agencies whose dossiers this officer may see and act on."""
    return agencies_with_role(user, DOSSIER_ROLES)


def may_see_dossier(user: Any, dossier: Any) -> bool:
    """Tell whether the user works on this dossier's agency (drafts are the dossiers part's)."""
    return _holds(user, dossier, DOSSIER_ROLES)


def may_receive(user: Any, dossier: Any) -> bool:
    """Receive, refuse or register a dossier at the counter of its agency."""
    return _holds(user, dossier, RECEIVE_ROLES)


def may_forward(user: Any, dossier: Any) -> bool:
    """Send a received dossier on to processing, choosing its specialist."""
    return _holds(user, dossier, FORWARD_ROLES)


def may_process(user: Any, dossier: Any) -> bool:
    """Process a dossier: results, supplements while processing, stop, apology."""
    return _holds(user, dossier, PROCESS_ROLES)


def may_approve(user: Any, dossier: Any) -> bool:
    """Approve the result of a dossier."""
    return _holds(user, dossier, APPROVE_ROLES)


def may_submit_for_approval(user: Any, dossier: Any) -> bool:
    """Submit a processed dossier's result to the leader for approval."""
    return _holds(user, dossier, SUBMIT_APPROVAL_ROLES)


def may_return_for_rework(user: Any, dossier: Any) -> bool:
    """Send a dossier awaiting approval back to the specialist for rework."""
    return _holds(user, dossier, RETURN_FOR_REWORK_ROLES)


def may_request_fee(user: Any, dossier: Any) -> bool:
    """Ask the applicant to pay a fee during processing."""
    return _holds(user, dossier, REQUEST_FEE_ROLES)


def may_waive_fee(user: Any, dossier: Any) -> bool:
    """Exempt a dossier from its fee."""
    return _holds(user, dossier, WAIVE_FEE_ROLES)


def may_collect_fee(user: Any, dossier: Any) -> bool:
    """Record a fee paid at the counter."""
    return _holds(user, dossier, COLLECT_FEE_ROLES)


def may_record_originals(user: Any, dossier: Any) -> bool:
    """Record that the originals were compared or came back by post."""
    return _holds(user, dossier, RECORD_ORIGINALS_ROLES)


def may_hand_over(user: Any, dossier: Any) -> bool:
    """Hand the result over to the applicant."""
    return _holds(user, dossier, HAND_OVER_ROLES)


def may_ship_result(user: Any, dossier: Any) -> bool:
    """Send the result to the applicant by post."""
    return _holds(user, dossier, SHIP_RESULT_ROLES)


def may_keep_tracking_log(user: Any, agency: Any) -> bool:
    """Ask for and download the tracking log (form 07) of one agency (or its id)."""
    return _holds(user, agency, DOSSIER_ROLES)


def national_sync_agency_ids(user: Any) -> set[int] | None:
    """The agencies whose sync with DVCQG the user watches (None: every agency, a superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    return agencies_with_role(user, NATIONAL_SYNC_ROLES)


def may_resend_national_sync(user: Any, dossier: Any) -> bool:
    """Put a dossier's refused sync entries back in the queue."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return _holds(user, dossier, NATIONAL_SYNC_ROLES)


def may_verify_identity(user: Any) -> bool:
    """Check citizens' ID papers: the identity-clerk role or `accounts.verify_identity`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_identity_clerk(user) or user.has_perm("accounts.verify_identity")


def is_identity_clerk(user: Any) -> bool:
    """Tell whether the user holds the identity-clerk role somewhere (no query beyond the
    role map: the officer pages use it to offer the identity checks)."""
    return bool(agencies_with_role(user, VERIFY_IDENTITY_ROLES))


def lands_in_back_office(user: Any) -> bool:
    """Tell whether the user works on some agency's dossiers (the officer workspace)."""
    return bool(agencies_with_role(user, DOSSIER_ROLES))


def back_office_home(user: Any) -> str | None:
    """Return the back-office page a user lands on after login, or None (a citizen).

    The officer workspace for dossier roles, the identity checks for identity clerks, the
    admin site for staff (superusers included) who hold no role; never a page that says 403.
    """
    if lands_in_back_office(user):
        return settings.OFFICER_HOME_URL
    if getattr(user, "is_superuser", False) and user.is_active:
        return reverse("admin:index")
    if may_verify_identity(user):
        return reverse("accounts:officer_pending")
    if getattr(user, "is_staff", False) and user.is_active:
        return reverse("admin:index")
    return None
