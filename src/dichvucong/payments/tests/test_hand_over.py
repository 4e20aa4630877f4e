"""The counter's hand-over check sees a fee waived in the payments part (processing is below
payments, so this test lives here)."""

import pytest

from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.payments.services_fees import fee_exempt
from dichvucong.processing.machine import TransitionError
from dichvucong.processing.services import dossier_transition, record_originals_checked
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def test_a_waived_fee_lets_the_counter_hand_over_a_partly_online_result():
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]], online_level=OnlineLevel.PARTIAL)
    dossier = make_dossier(
        agency=team["agency"], procedure=procedure, status=S.DONE, fee_total=50000
    )
    dossier = record_originals_checked(dossier=dossier, actor=team["counter"])
    with pytest.raises(TransitionError, match="phí"):
        dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    fee_exempt(dossier=dossier, actor=team["leader"], reason="Hộ nghèo theo danh sách của xã")
    dossier = dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    assert dossier.status == S.RETURNED
