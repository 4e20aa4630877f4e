"""The citizen's SMS texts: one placeholder dialect, no doubled full stop."""

import pytest

from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.notifications.messages import message_kind, template_problems
from dichvucong.notifications.models import SmsMessage
from dichvucong.processing.notify import DEFAULT_TEXTS
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def test_every_default_text_uses_only_its_declared_placeholders():
    for event, text in DEFAULT_TEXTS.items():
        kind = message_kind(f"dossier_{event}")
        assert kind is not None and template_problems(text, kind.placeholders) == [], event


def test_a_reason_typed_with_a_full_stop_does_not_end_in_two(django_capture_on_commit_callbacks):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier=dossier,
            to=S.SUPPLEMENT_REQUESTED,
            actor=team["counter"],
            note="Thiếu bản sao căn cước.",
        )
    text = SmsMessage.objects.get(dossier_id=dossier.pk).text
    assert "cần bổ sung: Thiếu bản sao căn cước. Xem chi tiết" in text
    assert ".." not in text
