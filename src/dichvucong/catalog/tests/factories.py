"""Plain factory functions for catalog rows in tests."""

from decimal import Decimal
from itertools import count

from dichvucong.catalog.models import Agency, AgencyLevel, Field, OnlineLevel, Procedure

_seq = count(1)


def make_field(**overrides) -> Field:
    n = next(_seq)
    values = {"code": f"linh-vuc-{n}", "name": f"Lĩnh vực {n}"} | overrides
    return Field.objects.create(**values)


def make_agency(**overrides) -> Agency:
    n = next(_seq)
    values = {
        "code": f"000.00.{n:02d}.H56", "name": f"Ủy ban nhân dân xã Thử Nghiệm {n}",
        "level": AgencyLevel.COMMUNE, "is_demo_code": True,
    } | overrides
    return Agency.objects.create(**values)


def make_procedure(*, agencies=None, **overrides) -> Procedure:
    n = next(_seq)
    if "field" not in overrides:
        overrides["field"] = make_field()
    values = {
        "code": f"9.{n:06d}", "name": f"Thủ tục thử nghiệm {n}",
        "online_level": OnlineLevel.FULL, "accepts_online": True,
        "processing_days": Decimal("3"),
    } | overrides
    procedure = Procedure.objects.create(**values)
    procedure.agencies.set(agencies if agencies is not None else [make_agency()])
    return procedure
