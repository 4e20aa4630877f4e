"""The guide's province and its public administration centre, from demo/data/province.json."""

import json
from pathlib import Path

from django.db import transaction

from dichvucong.core.models import Province
from dichvucong.core.selectors import forget_current_province
from dichvucong.demo.registry import DemoReport

DATA = Path(__file__).resolve().parent.parent / "data" / "province.json"


@transaction.atomic
def load(report: DemoReport) -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    province, _ = Province.objects.update_or_create(code=data["code"], defaults=data)
    forget_current_province()
    report.lines.append(f"Tỉnh: {province.name} — {province.centre_name}")
