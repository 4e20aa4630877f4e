"""Give the demo procedures their online forms (data/form_schemas.json, keyed by code)."""

import json
from pathlib import Path

from dichvucong.catalog.form_schema import validate_form_schema
from dichvucong.catalog.models import Procedure
from dichvucong.demo.registry import DemoReport

DATA = Path(__file__).resolve().parent.parent / "data" / "form_schemas.json"


def load(report: DemoReport) -> None:
    schemas = json.loads(DATA.read_text(encoding="utf-8"))
    loaded = 0
    for code, schema in schemas.items():
        problems = validate_form_schema(schema)
        if problems:
            raise ValueError(f"{code}: " + "; ".join(problems))
        loaded += Procedure.objects.filter(code=code).update(form_schema=schema)
    report.lines.append(f"Biểu mẫu điện tử: {loaded}/{len(schemas)} thủ tục")
