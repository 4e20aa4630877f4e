"""Dossiers with fees for payment and delivery tests, made through the services."""

from dichvucong.catalog.tests.factories import ProcedureFactory
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.dossiers.tests.factories import FEE
from dichvucong.processing.tests import factories as processing_factories
from dichvucong.processing.tests.factories import make_officer

__all__ = ["FEE", "make_dossier", "make_fee_procedure", "make_officer_for"]


def make_fee_procedure(*, amount: int = FEE, **overrides):
    """A procedure with one fee row of `amount` (none when 0)."""
    return ProcedureFactory(fees=[amount] if amount else [], **overrides)


def make_dossier(
    *, status: int = DossierStatus.NEW, procedure=None, applicant=None, **overrides
) -> Dossier:
    """A dossier of a procedure with a fee (unless told), opened and moved by the services."""
    procedure = procedure or make_fee_procedure()
    return processing_factories.make_dossier(
        status=status, procedure=procedure, applicant=applicant, **overrides
    )


def make_officer_for(dossier: Dossier, *, roles=("counter", "specialist", "leader"), **overrides):
    """Return an officer holding the given back-office roles in the dossier's agency."""
    return make_officer(
        dossier.agency, *roles, is_staff=True, agency_code=dossier.agency.code, **overrides
    )


def start_gateway_payment(provider_id: str, **dossier_kw):
    """Return (dossier, payment, pay URL) of an officer-requested fee opened at a gateway."""
    from dichvucong.payments.services import payment_request, payment_start

    dossier = make_dossier(status=DossierStatus.PROCESSING, **dossier_kw)
    payment = payment_request(dossier=dossier, amount=FEE, actor=None)
    url = payment_start(
        payment=payment,
        provider_id=provider_id,
        return_url="http://t/ret",
        ipn_url="http://t/ipn",
        client_ip="127.0.0.1",
    )
    payment.refresh_from_db()
    return dossier, payment, url
