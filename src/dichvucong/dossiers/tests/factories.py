"""Dossier factories that open dossiers through the one opening service (factory_boy).

`DossierFactory()` is a dossier submitted online ("Mới đăng ký"): a draft saved as the wizard
saves it, then `dossiers.services.opening.dossier_open`, which sets the code, the search text,
the fee snapshot, the first history entry and the audit row, exactly as production does. The
later lifecycle states need the status machine and live in `processing.tests.factories`.
"""

import factory
from django.db import transaction
from django.utils import timezone

from dichvucong.accounts.tests.factories import CitizenFactory
from dichvucong.catalog.tests.factories import ProcedureFactory
from dichvucong.dossiers.models import Channel, Dossier, DossierStatus
from dichvucong.dossiers.services.opening import dossier_open, snapshot_applicant

FEE = 50000
FORM_DATA = {"ho_ten": "Nguyễn Văn Thử", "noi_sinh": "Hàm Thắng"}


class DossierFactory(factory.django.DjangoModelFactory):
    """A dossier submitted online by a citizen with an account.

    Traits: `draft` (status 0, never opened), `with_fee` (a procedure with one fee row of
    `FEE`, snapshotted at opening). `applicant_name`, `applicant_phone`,
    `applicant_id_number` replace what the account would give (typed details);
    `submitted_at` is the opening moment.
    """

    class Meta:
        model = Dossier
        skip_postgeneration_save = True

    procedure = factory.SubFactory(ProcedureFactory)
    agency = factory.LazyAttribute(lambda o: o.procedure.agencies.first())
    applicant = factory.SubFactory(CitizenFactory)
    form_data = factory.LazyFunction(lambda: dict(FORM_DATA))
    channel = Channel.ONLINE
    submitted_at = None
    applicant_name = None
    applicant_phone = None
    applicant_id_number = None
    opened = True

    class Params:
        draft = factory.Trait(opened=False)
        with_fee = factory.Trait(procedure=factory.SubFactory(ProcedureFactory, fees=[FEE]))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        opened = kwargs.pop("opened")
        moment = kwargs.pop("submitted_at") or timezone.now()
        typed = {
            key: kwargs.pop(f"applicant_{key}")
            for key in ("name", "phone", "id_number")
            if kwargs.get(f"applicant_{key}") is not None
        }
        for key in ("name", "phone", "id_number"):
            kwargs.pop(f"applicant_{key}", None)
        with transaction.atomic():
            dossier = model_class(status=DossierStatus.DRAFT, **kwargs)
            account = dossier.applicant
            snapshot_applicant(dossier, account=account, details=None if account else typed)
            details = None
            if account is not None and typed:
                details = {
                    "name": dossier.applicant_name,
                    "phone": dossier.applicant_phone,
                    "id_number": dossier.applicant_id_number,
                    "email": dossier.applicant_email,
                    "address": dossier.applicant_address,
                } | typed
            dossier.save()
            if not opened:
                return dossier
            cls._open(dossier, account=account, details=details or typed, moment=moment)
        return dossier

    @classmethod
    def _open(cls, dossier: Dossier, *, account, details, moment) -> None:
        """Open the draft as the online wizard does (overridden higher up for the counter)."""
        dossier_open(
            dossier=dossier,
            actor=account,
            channel=dossier.channel,
            moment=moment,
            account=None if details else account,
            applicant_details=details or None,
        )


def legacy_dossier_row(**values) -> Dossier:
    """Write a dossier row as older code did, bypassing the opening service.

    Only for migration tests that need data production no longer writes (a dossier without
    search text, an unpadded address code); everything else uses `DossierFactory`.
    """
    return Dossier.objects.create(**values)
