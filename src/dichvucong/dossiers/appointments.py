"""The appointment (hẹn trả kết quả): the one deadline function and the one way to show it.

The clock starts at reception (tiếp nhận): when the counter registers a walk-in dossier, or when
an officer receives a dossier submitted online (1 → 2). Until then an online dossier has no
appointment. Counting starts at the next working moment; a procedure of 0 days is handled
"trong ngày": due when offices close on that working day.
"""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.catalog.models import Procedure
from dichvucong.core.calendar import (
    add_working_days,
    closing_time,
    end_of_working_day,
    next_working_start,
)
from dichvucong.dossiers.statuses import BEFORE_RECEPTION


def appointment_at(procedure: Procedure, received_at: datetime) -> datetime | None:
    """Return the appointment for a dossier received at a moment (None: no time limit)."""
    days = procedure.processing_days
    if days is None:
        return None
    if days <= 0:
        return end_of_working_day(received_at)
    return add_working_days(next_working_start(received_at), days)


DATE = "%d/%m/%Y"
DATE_TIME = "%H:%M %d/%m/%Y"
SPELLED_OUT = "%H giờ %M phút, ngày %d/%m/%Y"  # as the Circular 03/2025 slips write it


def appointment_text(dossier, fmt: str = DATE_TIME) -> str:
    """Return the appointment as shown everywhere: a moment, "Trong ngày …", or "" for none.

    `fmt` only chooses how a moment is written (a slip spells it out, an SMS keeps the date).
    """
    same_day = dossier.procedure.processing_days == 0
    if dossier.due_at is None:
        waiting = dossier.received_at is None and dossier.status in BEFORE_RECEPTION
        if not waiting or dossier.procedure.processing_days is None:
            return ""
        return str(_("Trong ngày tiếp nhận")) if same_day else str(_("Hẹn khi tiếp nhận hồ sơ"))
    due = timezone.localtime(dossier.due_at)
    if same_day and due.time() == closing_time():
        return _("Trong ngày %(date)s") % {"date": due.strftime(DATE)}
    return due.strftime(fmt)  # also a same-day appointment moved by a supplement or an apology
