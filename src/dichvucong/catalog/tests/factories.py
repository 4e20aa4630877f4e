"""Plain factory functions for catalog rows in tests."""

from decimal import Decimal
from itertools import count

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

_seq = count(1)


def make_field(**overrides) -> Field:
    n = next(_seq)
    values = {"code": f"linh-vuc-{n}", "name": f"Lĩnh vực {n}"} | overrides
    return Field.objects.create(**values)


def make_agency(**overrides) -> Agency:
    n = next(_seq)
    values = {
        "code": f"000.00.{n:02d}.H56",
        "name": f"Ủy ban nhân dân xã Thử Nghiệm {n}",
        "level": AgencyLevel.COMMUNE,
        "is_demo_code": True,
    } | overrides
    return Agency.objects.create(**values)


def make_procedure(*, agencies=None, **overrides) -> Procedure:
    """Create a procedure with its search texts filled in, as the importer does."""
    n = next(_seq)
    if "field" not in overrides:
        overrides["field"] = make_field()
    values = {
        "code": f"9.{n:06d}",
        "name": f"Thủ tục thử nghiệm {n}",
        "online_level": OnlineLevel.FULL,
        "accepts_online": True,
        "processing_days": Decimal("3"),
    } | overrides
    procedure = Procedure(**values)
    refresh_search_fields(procedure)
    procedure.save()
    procedure.agencies.set(agencies if agencies is not None else [make_agency()])
    return procedure


def make_fee(procedure: Procedure, **overrides) -> Fee:
    values = {"name": "Lệ phí", "amount": 8000} | overrides
    return Fee.objects.create(procedure=procedure, **values)


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
    values = {"name": "Tờ khai theo mẫu", "originals": 1, "copies": 0} | overrides
    return RequiredDocument.objects.create(procedure=procedure, **values)
