import threading

import pytest
from django.db import connection, connections

from dichvucong.dossiers.models import Dossier, DossierEvent
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.machine import StaleDossier
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_officer, make_team

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
    ),
]


def test_two_officers_acting_at_once_one_wins_and_history_stays_consistent():
    team = make_team()
    second = make_officer(team["agency"], "counter", full_name="Đỗ Văn Hai")
    dossier = make_dossier(agency=team["agency"])
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(officer, to, note):
        copy = Dossier.objects.get(pk=dossier.pk)
        barrier.wait()
        try:
            dossier_transition(dossier=copy, to=to, actor=officer, note=note)
            outcomes.append("won")
        except StaleDossier:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=act, args=(team["counter"], S.RECEIVED, "")),
        threading.Thread(target=act, args=(second, S.NOT_RECEIVED, "Thiếu giấy tờ")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["stale", "won"]
    events = list(DossierEvent.objects.filter(dossier=dossier).exclude(action="submitted"))
    assert len(events) == 1
    dossier.refresh_from_db()
    assert dossier.status == events[0].to_status
