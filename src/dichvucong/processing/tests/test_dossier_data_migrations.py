"""Data migrations of dossiers, run on rows written the way the old code wrote them."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.core.text import search_text
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.dossiers.tests.factories import legacy_dossier_row
from dichvucong.processing.tests.factories import make_dossier

pytestmark = pytest.mark.django_db
backfill = importlib.import_module("dichvucong.dossiers.migrations.0002_backfill_search_text")
clear = importlib.import_module(
    "dichvucong.dossiers.migrations.0003_unreceived_dossiers_have_no_appointment"
)
EDITOR = SimpleNamespace(connection=connection)


def test_backfill_gives_old_online_dossiers_their_search_text_in_chunks(monkeypatch):
    monkeypatch.setattr(backfill, "CHUNK", 2)
    procedure = make_procedure()
    agency = procedure.agencies.get()
    # As the old online submission left them: numbered, but no search text.
    made = [
        legacy_dossier_row(
            procedure=procedure,
            agency=agency,
            code=f"{agency.code}-261125-{n:04d}",
            status=DossierStatus.NEW,
            applicant_name=f"Lê Thị Cũ {n}",
            search_text="",
        )
        for n in range(1, 6)
    ]
    draft = make_dossier(status=DossierStatus.DRAFT)
    backfill.backfill(apps, EDITOR)
    for n, dossier in enumerate(made):
        dossier.refresh_from_db()
        assert f"le thi cu {n + 1}" in dossier.search_text
        assert search_text(dossier.procedure.name) in dossier.search_text
    assert Dossier.objects.get(pk=draft.pk).search_text == ""


def test_online_dossiers_not_received_yet_lose_the_appointment_counted_from_submission():
    waiting = make_dossier()
    received = make_dossier(status=DossierStatus.RECEIVED)
    Dossier.objects.update(due_at="2026-12-03T10:00:00+07:00")
    Dossier.objects.filter(pk=received.pk).update(received_at="2026-12-01T10:00:00+07:00")
    clear.clear(apps, EDITOR)
    assert Dossier.objects.get(pk=waiting.pk).due_at is None
    assert Dossier.objects.get(pk=received.pk).due_at is not None
