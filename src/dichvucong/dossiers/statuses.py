"""Named groups of national statuses: each consequence of a status is declared once, here.

The status machine (`processing.machine`) builds its withdraw moves from `WITHDRAWABLE`, and a
test checks the other groups against its table (final statuses have no move out, the paused
clock is the one the citizen's resubmission leaves). Templates ask `allowed_actions`; Python
code imports these names instead of listing statuses again.
"""

from dichvucong.dossiers.models import DossierStatus as S

# Submitted and not finished: the applicant may still act (withdraw, pay, supplement).
IN_PROGRESS = frozenset(
    {S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.PAYMENT_REQUESTED}
)
# The applicant may withdraw (→ 7) from these.
WITHDRAWABLE = IN_PROGRESS
# A fee may be paid online while the dossier is in progress (when it is asked for is fee_state's).
PAYABLE = IN_PROGRESS
# No move leaves these: the dossier's life is over.
FINAL = frozenset({S.NOT_RECEIVED, S.WITHDRAWN, S.STOPPED, S.RETURNED})
# Nothing more to choose for the applicant (how to receive the result, …): final or done.
CLOSED = FINAL | {S.DONE}
# The deadline clock stops while the citizen supplements papers.
CLOCK_PAUSED = frozenset({S.SUPPLEMENT_REQUESTED})
# Received and not finished: the appointment is counting (1 has none yet).
CLOCK_RUNNING = IN_PROGRESS - CLOCK_PAUSED - {S.NEW}
# Not received yet (5 only when the papers were asked before reception: see received_at).
BEFORE_RECEPTION = frozenset({S.DRAFT, S.NEW, S.SUPPLEMENT_REQUESTED})
# In the agency's hands, neither waiting for the citizen nor for a fee.
UNDER_WAY = frozenset({S.RECEIVED, S.PROCESSING})
# The officer is handling the fee of a dossier being processed (4, or 6 once asked).
FEE_STAGE = frozenset({S.PROCESSING, S.PAYMENT_REQUESTED})
# A result exists (ready, or handed over).
WITH_RESULT = frozenset({S.DONE, S.RETURNED})

# The codes the national portal's API uses for the statuses (DVCQG's mapping), for every
# system that speaks them: the public REST API, the portal sync.
NATIONAL_API_CODES = {
    S.NEW: "receiving",
    S.RECEIVED: "new",
    S.NOT_RECEIVED: "denied",
    S.PROCESSING: "processing",
    S.SUPPLEMENT_REQUESTED: "waiting",
    S.PAYMENT_REQUESTED: "paying",
    S.WITHDRAWN: "cancelled",
    S.STOPPED: "unresolved",
    S.DONE: "releasing",
    S.RETURNED: "done",
}
STATUS_OF_API_CODE = {code: status for status, code in NATIONAL_API_CODES.items()}
