from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.models import Channel
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.inbox import PAGE_SIZE
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def _codes(response):
    return [d.code for d in response.context["rows"]]


def test_tabs_show_counts_of_the_officer_agency_only(client):
    team, other = make_team(), make_team()
    make_dossier(agency=team["agency"])
    make_dossier(agency=team["agency"], status=S.SUPPLEMENT_REQUESTED)
    make_dossier(agency=other["agency"])
    client.force_login(team["counter"])
    response = client.get(reverse("processing:inbox"))
    counts = {tab.slug: count for tab, count in response.context["tabs"]}
    assert counts["moi"] == 1 and counts["cho-bo-sung"] == 1
    assert len(response.context["rows"]) == 1


def test_filters_by_procedure_channel_and_search_by_code_or_folded_name(client):
    team = make_team()
    wanted = make_procedure(agencies=[team["agency"]])
    hit = make_dossier(agency=team["agency"], procedure=wanted, applicant_name="Bùi Thị Hoà")
    miss = make_dossier(agency=team["agency"], channel=Channel.POST)
    client.force_login(team["counter"])
    url = reverse("processing:inbox")
    assert _codes(client.get(url, {"tab": "moi", "procedure": wanted.pk})) == [hit.code]
    assert _codes(client.get(url, {"tab": "moi", "channel": 3})) == [miss.code]
    assert _codes(client.get(url, {"tab": "moi", "q": "bui thi hoa"})) == [hit.code]
    assert _codes(client.get(url, {"tab": "moi", "q": hit.code})) == [hit.code]
    assert _codes(client.get(url, {"tab": "moi", "field": wanted.field_id})) == [hit.code]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _codes(client.get(url, {"tab": "moi", "tu_ngay": tomorrow})) == []
    assert client.get(url, {"tab": "moi", "tu_ngay": "31/02/x"}).status_code == 200


def test_keyset_pages_walk_every_dossier_once(client):
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    made = {
        make_dossier(agency=team["agency"], procedure=procedure).code for _ in range(PAGE_SIZE + 5)
    }
    client.force_login(team["counter"])
    first = client.get(reverse("processing:inbox"), {"tab": "moi"})
    second = client.get(
        reverse("processing:inbox"), {"tab": "moi", "sau": first.context["next_cursor"]}
    )
    assert len(_codes(first)) == PAGE_SIZE and second.context["next_cursor"] == ""
    assert set(_codes(first)) | set(_codes(second)) == made


def test_inbox_query_count_does_not_grow_with_the_page(client):
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    make_dossier(agency=team["agency"], procedure=procedure)
    client.force_login(team["counter"])
    url = reverse("processing:inbox")
    client.get(url, {"tab": "moi"})  # warm the per-process province copy
    cache.clear()  # both requests do the full work: counts and calendar are not cached
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"tab": "moi"})
    for _ in range(PAGE_SIZE):
        make_dossier(agency=team["agency"], procedure=make_procedure(agencies=[team["agency"]]))
    cache.clear()
    with CaptureQueriesContext(connection) as full:
        response = client.get(url, {"tab": "moi"})
    assert len(response.context["rows"]) == PAGE_SIZE
    assert len(full) == len(small) <= 13  # session, user, roles, calendar, rows, counts, badge


def test_cached_counts_refresh_after_an_officer_action(client, django_capture_on_commit_callbacks):
    from dichvucong.processing.services import dossier_transition

    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    client.force_login(team["counter"])
    url = reverse("processing:inbox")
    counts = dict((t.slug, n) for t, n in client.get(url).context["tabs"])
    assert counts["moi"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    counts = dict((t.slug, n) for t, n in client.get(url).context["tabs"])
    assert counts["moi"] == 0 and counts["dang-xu-ly"] == 1


def test_every_tab_counts_what_its_list_shows(client):
    team = make_team()
    for status in (S.NEW, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.DONE, S.RETURNED):
        make_dossier(agency=team["agency"], status=status)
    make_dossier(agency=team["agency"], status=S.PAYMENT_REQUESTED, fee_total=50_000)
    make_dossier(agency=team["agency"], status=S.NOT_RECEIVED)
    client.force_login(team["counter"])
    url = reverse("processing:inbox")
    counts = {tab.slug: n for tab, n in client.get(url).context["tabs"]}
    shown = {slug: len(client.get(url, {"tab": slug}).context["rows"]) for slug in counts}
    assert counts == shown
    assert counts["moi"] == 1 and counts["dang-xu-ly"] == 2 and counts["da-xong"] == 2
    assert counts["cho-nop-phi"] == 1 and counts["cho-bo-sung"] == 1
