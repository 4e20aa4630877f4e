"""Give the demo procedures their online forms (data/form_schemas.json, keyed by code)."""

import json
from pathlib import Path

from dichvucong.catalog.models import Procedure
from dichvucong.demo.registry import DemoReport
from dichvucong.dossiers.forms import validate_schema

DATA = Path(__file__).resolve().parent.parent / "data" / "form_schemas.json"


def load(report: DemoReport) -> None:
    schemas = json.loads(DATA.read_text(encoding="utf-8"))
    loaded = 0
    for code, schema in schemas.items():
        validate_schema(schema)
        loaded += Procedure.objects.filter(code=code).update(form_schema=schema)
    report.lines.append(f"Biểu mẫu điện tử: {loaded}/{len(schemas)} thủ tục")
