"""The demo province's catalog of procedures, from demo/data/catalog.json (idempotent)."""

import hashlib
import json
from pathlib import Path

from django.db import transaction

from dichvucong.catalog.importer import import_catalog
from dichvucong.catalog.models import Field, Procedure
from dichvucong.core.state import read_value, write_value
from dichvucong.demo.registry import DemoReport

DATA = Path(__file__).resolve().parent.parent / "data" / "catalog.json"
DIGEST_KEY = "demo.catalog.sha256"


def _already_loaded(digest: str, data: dict) -> bool:
    """The file was imported as it is now, and its procedures are still there."""
    stored = read_value(DIGEST_KEY)
    if stored is None or stored.value != digest:
        return False
    codes = [row["code"] for row in data.get("procedures", [])]
    return Procedure.objects.filter(code__in=codes).count() == len(codes)


def load(report: DemoReport) -> None:
    raw = DATA.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    data = json.loads(raw.decode("utf-8"))
    if not _already_loaded(digest, data):
        # The import updates rows in place by stable keys: files keep their papers.
        with transaction.atomic():
            import_catalog(data)
            write_value(DIGEST_KEY, digest)
    procedures = Procedure.objects.filter(is_active=True).count()
    fields = Field.objects.filter(procedures__is_active=True).distinct().count()
    report.lines.append(f"Danh mục: {procedures} thủ tục, {fields} lĩnh vực")
