"""Factories for catalog rows in tests (factory_boy), and the plain `make_*` names built on them.

The catalog has no write services of its own beyond the importer: a procedure gets its search
texts from `refresh_search_fields`, as the importer and the admin give them.
"""

from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from dichvucong.catalog.models import (
    Agency,
    AgencyLevel,
    Fee,
    Field,
    FormTemplate,
    OnlineLevel,
    Procedure,
    RequiredDocument,
)
from dichvucong.catalog.search_fields import refresh_search_fields


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    # Second group from 50 up: apart from the codes tests spell out ("000.00.31.H56").
    code = factory.Sequence(lambda n: f"000.{50 + n // 100 % 50:02d}.{n % 100:02d}.H56")
    name = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Thử Nghiệm {n}")
    level = AgencyLevel.COMMUNE
    is_demo_code = True


class ProcedureFactory(factory.django.DjangoModelFactory):
    """A procedure with its search texts filled in, handled by one new agency unless told.

    `agencies=[...]` names the agencies; `fees=[amount, ...]` adds one fee row per amount
    (per dossier, any channel).
    """

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử nghiệm {n}")
    field = factory.SubFactory(FieldFactory)
    online_level = OnlineLevel.FULL
    accepts_online = True
    processing_days = Decimal("3")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        procedure = model_class(*args, **kwargs)
        refresh_search_fields(procedure)
        procedure.save()
        return procedure

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if create:
            self.agencies.set(extracted if extracted is not None else [AgencyFactory()])

    @factory.post_generation
    def fees(self, create, extracted, **kwargs):
        for amount in extracted or ():
            FeeFactory(procedure=self, amount=amount)

    class Params:
        partly_online = factory.Trait(online_level=OnlineLevel.PARTIAL)


class FeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fee

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Lệ phí"
    amount = 8000


class RequiredDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    procedure = factory.SubFactory(ProcedureFactory)
    name = "Tờ khai theo mẫu"
    originals = 1
    copies = 0


def make_field(**overrides) -> Field:
    return FieldFactory(**overrides)


def make_agency(**overrides) -> Agency:
    return AgencyFactory(**overrides)


def make_procedure(*, agencies=None, **overrides) -> Procedure:
    """Create a procedure with its search texts filled in, as the importer does."""
    return ProcedureFactory(agencies=agencies, **overrides)


def make_fee(procedure: Procedure, **overrides) -> Fee:
    return FeeFactory(procedure=procedure, **overrides)


def make_form_template(
    *,
    name: str = "Tờ khai đăng ký khai sinh",
    filename: str = "to-khai.pdf",
    content: bytes = b"%PDF-1.4\n%test\n",
    content_type: str = "application/pdf",
) -> FormTemplate:
    """Create a form template whose file is saved through the default storage."""
    template = FormTemplate(name=name, content_type=content_type)
    template.file.save(filename, ContentFile(content), save=True)
    return template


def make_document(procedure: Procedure, **overrides) -> RequiredDocument:
    return RequiredDocumentFactory(procedure=procedure, **overrides)
