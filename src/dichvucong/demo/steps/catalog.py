"""The demo province's catalog of procedures, from demo/data/catalog.json (idempotent)."""

import json
from pathlib import Path

from dichvucong.catalog.importer import import_catalog
from dichvucong.catalog.models import Field, Procedure
from dichvucong.demo.registry import DemoReport

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog.json"


def load(report: DemoReport) -> None:
    # Re-importing updates rows in place; forms whose spec is unchanged are not rebuilt.
    import_catalog(json.loads(DATA.read_text(encoding="utf-8")))
    procedures = Procedure.objects.filter(is_active=True).count()
    fields = Field.objects.filter(procedures__is_active=True).distinct().count()
    report.lines.append(f"Danh mục: {procedures} thủ tục, {fields} lĩnh vực")
