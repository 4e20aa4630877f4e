"""The officer inbox: tabs with counts, filters and keyset pagination, in a fixed query count."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from dichvucong.accounts.models import StaffRoleKind
from dichvucong.accounts.selectors import staff_role_map
from dichvucong.core.ratelimit import count_hit
from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.statuses import CLOCK_RUNNING, UNDER_WAY, WITH_RESULT
from dichvucong.processing.deadlines import due_soon_threshold

PAGE_SIZE = 20
LIST_FIELDS = (
    "id",
    "code",
    "status",
    "channel",
    "applicant_name",
    "submitted_at",
    "due_at",
    "received_at",
    "agency_id",
    "procedure__name",
    "procedure__code",
    "procedure__processing_days",
)


@dataclass(frozen=True)
class Tab:
    slug: str
    label: str
    # The statuses the tab holds; `tab_condition` narrows some tabs further (assignee,
    # approval, due date).
    statuses: frozenset[int]
    by_due: bool = False


TABS = (
    Tab("moi", _("Mới trực tuyến"), frozenset({S.NEW})),
    Tab("duoc-giao", _("Được giao cho tôi"), frozenset({S.PROCESSING})),
    Tab("cho-phe-duyet", _("Chờ phê duyệt"), frozenset({S.PROCESSING})),
    Tab("dang-xu-ly", _("Đang xử lý"), UNDER_WAY),
    Tab("cho-bo-sung", _("Chờ bổ sung"), frozenset({S.SUPPLEMENT_REQUESTED})),
    Tab("cho-nop-phi", _("Chờ nộp phí"), frozenset({S.PAYMENT_REQUESTED})),
    Tab("sap-den-han", _("Sắp đến hạn"), CLOCK_RUNNING, by_due=True),
    Tab("qua-han", _("Quá hạn"), CLOCK_RUNNING, by_due=True),
    Tab("da-xong", _("Đã xong"), WITH_RESULT),
)
TABS_BY_SLUG = {tab.slug: tab for tab in TABS}
# Each role lands on its own queue: the counter on new dossiers to receive, the specialist on
# the dossiers assigned to them, the leader on those awaiting their approval (first match).
ROLE_TABS = (
    (StaffRoleKind.LEADER.value, "cho-phe-duyet"),
    (StaffRoleKind.SPECIALIST.value, "duoc-giao"),
    (StaffRoleKind.COUNTER.value, "moi"),
)


def landing_tab(user) -> Tab:
    """Return the queue an officer sees when opening the inbox without choosing a tab."""
    held = set().union(*staff_role_map(user).values())
    for role, slug in ROLE_TABS:
        if role in held:
            return TABS_BY_SLUG[slug]
    return TABS[0]


def _narrowing(slug: str, now: datetime, soon: datetime, user_id: int | None) -> Q | None:
    """What a tab asks beyond its statuses (None: the statuses are the whole condition)."""
    return {
        "duoc-giao": Q(assignee_id=user_id or 0, awaiting_approval=False),
        "cho-phe-duyet": Q(awaiting_approval=True),
        "sap-den-han": Q(due_at__gte=now, due_at__lte=soon),
        "qua-han": Q(due_at__lt=now),
    }.get(slug)


def tab_condition(slug: str, now: datetime, soon: datetime, user_id: int | None = None) -> Q:
    """Return the filter of one tab (`user_id`: the officer whose own queue "duoc-giao" is)."""
    condition = Q(status__in=TABS_BY_SLUG[slug].statuses)
    narrowing = _narrowing(slug, now, soon, user_id)
    return condition if narrowing is None else condition & narrowing


COUNTS_TTL_SECONDS = 30


def _generation_keys(agency_ids: set[int]) -> list[str]:
    return [f"inbox:gen:{pk}" for pk in sorted(agency_ids)]


def touch_agency_counts(agency_id: int) -> None:
    """Make the cached tab counts of an agency stale (called after a dossier changes)."""
    count_hit(f"inbox:gen:{agency_id}", seconds=None)


def cached_tab_counts(
    agency_ids: set[int], now: datetime, soon: datetime, user_id: int | None = None
) -> dict[str, int]:
    """Return the tab counts, reusing them for a few seconds until a dossier changes."""
    from django.core.cache import cache

    keys = _generation_keys(agency_ids)
    generations = cache.get_many(keys)
    stamp = ",".join(f"{k.rsplit(':', 1)[1]}.{generations.get(k, 0)}" for k in keys)
    key = f"inbox:counts:{user_id or 0}:{stamp}"
    counts = cache.get(key)
    if counts is None:
        counts = tab_counts(agency_ids, now, soon, user_id)
        cache.set(key, counts, COUNTS_TTL_SECONDS)
    return counts


def tab_counts(
    agency_ids: set[int], now: datetime, soon: datetime, user_id: int | None = None
) -> dict[str, int]:
    """Return how many dossiers each tab holds, in two queries.

    Tabs that are only statuses are summed from one count per status (an index-only scan of
    `dvc_inbox_counts`); the others are counted among the few open dossiers their statuses
    allow. At 100,000 dossiers in an agency this is ~25 ms, against ~180 ms for nine filtered
    counts over every dossier.
    """
    dossiers = Dossier.objects.filter(agency_id__in=agency_ids).order_by()
    per_status = dict(dossiers.values_list("status").annotate(n=Count("*")))
    counts: dict[str, int] = {}
    narrowed: dict[str, Tab] = {}  # aggregate alias -> tab
    for position, tab in enumerate(TABS):
        if _narrowing(tab.slug, now, soon, user_id) is None:
            counts[tab.slug] = sum(per_status.get(status, 0) for status in tab.statuses)
        else:
            narrowed[f"tab{position}"] = tab
    if narrowed:
        among = set().union(*(tab.statuses for tab in narrowed.values()))
        found = dossiers.filter(status__in=among).aggregate(
            **{
                alias: Count("id", filter=tab_condition(tab.slug, now, soon, user_id))
                for alias, tab in narrowed.items()
            }
        )
        counts.update({narrowed[alias].slug: n for alias, n in found.items()})
    return {tab.slug: counts[tab.slug] for tab in TABS}


@dataclass
class InboxFilters:
    procedure_id: int | None = None
    field_id: int | None = None
    channel: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    query: str = ""


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def apply_filters(qs: QuerySet, filters: InboxFilters) -> QuerySet:
    """Narrow the inbox by procedure, field, channel, submission dates and code or name."""
    if filters.procedure_id:
        qs = qs.filter(procedure_id=filters.procedure_id)
    if filters.field_id:
        qs = qs.filter(procedure__field_id=filters.field_id)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.date_from:
        qs = qs.filter(submitted_at__gte=_day_start(filters.date_from))
    if filters.date_to:
        qs = qs.filter(submitted_at__lt=_day_start(filters.date_to + timedelta(days=1)))
    text = filters.query.strip()
    if text:
        qs = qs.filter(_search_condition(text))
    return qs


def _search_condition(text: str) -> Q:
    from dichvucong.core.text import search_text

    if "-" in text and " " not in text and any(ch.isdigit() for ch in text):
        return Q(code__in={text, text.upper()})  # a whole dossier code: the unique index
    # Names and code fragments: the folded index text (trigram-indexed on PostgreSQL).
    return Q(search_text__contains=search_text(text))


def inbox_page(
    *,
    agency_ids: set[int],
    tab: Tab,
    filters: InboxFilters,
    cursor: str = "",
    now: datetime | None = None,
    user_id: int | None = None,
) -> tuple[list, str]:
    """Return one page of a tab and the cursor of the next page ("" when it is the last)."""
    rows = list(
        page_queryset(
            agency_ids=agency_ids,
            tab=tab,
            filters=filters,
            cursor=cursor,
            now=now,
            user_id=user_id,
        )
    )
    key = "due_at" if tab.by_due else "submitted_at"
    next_cursor = ""
    if len(rows) > PAGE_SIZE:
        rows = rows[:PAGE_SIZE]
        last = rows[-1]
        next_cursor = f"{getattr(last, key).isoformat()}_{last.pk}"
    return rows, next_cursor


def page_queryset(
    *,
    agency_ids: set[int],
    tab: Tab,
    filters: InboxFilters,
    cursor: str = "",
    now: datetime | None = None,
    user_id: int | None = None,
) -> QuerySet:
    """Return the query of one page (one row more than shown, to know if a next page exists)."""
    now = now or timezone.now()
    soon = due_soon_threshold(now)
    qs = Dossier.objects.filter(
        tab_condition(tab.slug, now, soon, user_id), agency_id__in=agency_ids
    )
    qs = apply_filters(qs, filters)
    key = "due_at" if tab.by_due else "submitted_at"
    qs = _after_cursor(qs, key, cursor, descending=not tab.by_due)
    order = (key, "id") if tab.by_due else (f"-{key}", "-id")
    return qs.select_related("procedure").only(*LIST_FIELDS).order_by(*order)[: PAGE_SIZE + 1]


def _after_cursor(qs: QuerySet, key: str, cursor: str, *, descending: bool) -> QuerySet:
    """Keep the rows after a "<iso moment>_<id>" cursor in the tab's order."""
    moment_text, _sep, id_text = cursor.rpartition("_")
    try:
        moment = parse_datetime(moment_text) if moment_text else None
    except ValueError:  # well-formed but impossible, e.g. month 13: show the first page
        moment = None
    if moment is None or not id_text.isdigit():
        return qs
    pk = int(id_text)
    if descending:
        return qs.filter(**{f"{key}__lte": moment}).filter(
            Q(**{f"{key}__lt": moment}) | Q(**{key: moment, "id__lt": pk})
        )
    return qs.filter(**{f"{key}__gte": moment}).filter(
        Q(**{f"{key}__gt": moment}) | Q(**{key: moment, "id__gt": pk})
    )
