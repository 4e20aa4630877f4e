"""What a partly-online (mức độ 3) applicant brings to the counter, where and when: the one
home read by the success page, the citizen's dossier page, the SMS and the officer's check."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from dichvucong.catalog.models import OnlineLevel
from dichvucong.core.calendar import office_intervals
from dichvucong.dossiers.appointments import DATE, appointment_text
from dichvucong.dossiers.models import Channel, Dossier
from dichvucong.dossiers.statuses import FINAL


def needs_originals_at_counter(dossier: Dossier) -> bool:
    """Tell whether originals must be compared at the counter before the result is handed over
    (a partly-online procedure filed online or by post; at the counter they were seen)."""
    return (
        dossier.channel != Channel.COUNTER and dossier.procedure.online_level == OnlineLevel.PARTIAL
    )


@dataclass(frozen=True)
class CounterVisit:
    papers: list[tuple[str, int]]  # (paper, number of originals to show)
    agency: str
    address: str
    phone: str
    hours: str  # office hours of a working day, "07:00–11:30, 13:30–17:00"
    when: str  # from when: the appointment date, or "when told the result is ready"


def office_hours_text() -> str:
    """Return the office hours of a working day, for people."""
    return ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in office_intervals())


def counter_visit(dossier: Dossier) -> CounterVisit | None:
    """Return what to bring, where and when for a partly-online dossier, else None."""
    from dichvucong.dossiers.papers import filled_online
    from dichvucong.dossiers.selectors import dossier_papers

    if not dossier.code or not needs_originals_at_counter(dossier):
        return None
    if dossier.originals_checked_at is not None or dossier.status in FINAL:
        return None  # compared already, or nothing more will be handed over
    papers = [
        (p.name, p.originals)
        for p in dossier_papers(dossier)
        if p.originals and not filled_online(dossier, p)
    ]
    due = appointment_text(dossier, DATE)
    when = (
        _("từ ngày hẹn trả kết quả %(date)s, trong giờ hành chính") % {"date": due}
        if due
        else _("khi nhận thông báo có kết quả, trong giờ hành chính")
    )
    agency = dossier.agency
    return CounterVisit(
        papers=papers,
        agency=agency.name,
        address=agency.address,
        phone=agency.phone,
        hours=office_hours_text(),
        when=when,
    )


def counter_visit_sms(dossier: Dossier) -> str:
    """Return the SMS sentences of the visit: which originals, where, when ("" when none)."""
    visit = counter_visit(dossier)
    if visit is None:
        return ""
    papers = ", ".join(
        _("%(name)s (%(n)s bản chính)") % {"name": name[:60].rstrip(), "n": originals}
        for name, originals in visit.papers
    )
    return _(
        "Khi nhận kết quả, mang bản gốc %(papers)s đến %(place)s để đối chiếu; "
        "%(when)s (%(hours)s)."
    ) % {
        "papers": papers or _("các giấy tờ đã nộp"),
        "place": visit.address or visit.agency,
        "when": visit.when,
        "hours": visit.hours,
    }
