"""Dossiers made directly in the database for payment and delivery tests."""

from itertools import count

from django.utils import timezone

from dichvucong.accounts.tests.factories import make_citizen, make_staff
from dichvucong.catalog.fees import fee_quote
from dichvucong.catalog.models import Fee
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.models import Channel, Dossier, DossierStatus

_seq = count(1)
FEE = 50000


def make_fee_procedure(*, amount: int = FEE, **overrides):
    procedure = make_procedure(**overrides)
    if amount:
        Fee.objects.create(procedure=procedure, name="Lệ phí cấp bản sao", amount=amount)
    return procedure


def make_dossier(
    *, status: int = DossierStatus.NEW, procedure=None, applicant=None, **overrides
) -> Dossier:
    procedure = procedure or make_fee_procedure()
    applicant = applicant or make_citizen()
    agency = procedure.agencies.first()
    n = next(_seq)
    values = {
        "code": f"{agency.code}-{timezone.localdate():%y%m%d}-{n:04d}",
        "procedure": procedure,
        "agency": agency,
        "applicant": applicant,
        "applicant_name": applicant.full_name,
        "applicant_phone": applicant.phone or "",
        "status": status,
        "submitted_at": timezone.now(),
    } | overrides
    if "fee_total" not in values and values.get("code"):
        # What opening the dossier snapshots in production (catalog/fees.py).
        quote = fee_quote(
            procedure=procedure,
            channel=values.get("channel", Channel.ONLINE),
            data=values.get("form_data") or {},
        )
        values["fee_total"], values["fee_lines"] = quote.snapshot()
    return Dossier.objects.create(**values)


def make_officer_for(dossier: Dossier, *, roles=("counter", "specialist", "leader"), **overrides):
    """Return an officer holding the given back-office roles in the dossier's agency."""
    from dichvucong.accounts.models import StaffRole

    officer = make_staff(is_staff=True, agency_code=dossier.agency.code, **overrides)
    for role in roles:
        StaffRole.objects.create(user=officer, agency=dossier.agency, role=role)
    return officer


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
