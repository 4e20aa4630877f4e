"""The fee receipt a paid payment issues carries the agency's signature (made by a task)."""

import pytest

from dichvucong.dossiers.models import SignatureState, SignedCopy
from dichvucong.esign.tests.helpers import use_demo_signer
from dichvucong.esign.verify import State, verify_pdf
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.providers.demo import DemoPaymentProvider
from dichvucong.payments.services import (
    payment_charge_at_submission,
    payment_confirm_from_ipn,
    payment_start,
)
from dichvucong.payments.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def test_the_receipt_of_a_paid_fee_is_signed_after_commit(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    use_demo_signer(settings, tmp_path / "demo-ca")
    dossier = make_dossier()
    payment = payment_charge_at_submission(dossier=dossier)
    payment_start(payment=payment, provider_id="demo", return_url="", ipn_url="")
    payment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        payment_confirm_from_ipn(
            provider_id="demo",
            source="demo",
            notice=DemoPaymentProvider().notice(payment=payment, success=True),
        )

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.receipt is not None
    copy = SignedCopy.objects.get(attachment=payment.receipt)
    assert copy.state == SignatureState.SIGNED, copy.error
    with copy.file.open("rb") as handle:
        assert verify_pdf(handle.read()).state == State.VALID
