"""The rows of a procedure list: what a result shows, loaded by one plain query."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from urllib.parse import quote

from django.db import connection
from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

from dichvucong.catalog.models import OnlineLevel


@dataclass(slots=True)
class ProcedureListItem:
    """What a result list shows of a procedure; the long texts stay in the database."""

    id: int
    code: str
    name: str
    online_level: str
    popularity: int
    field_name: str
    agency_names: list[str] = dataclass_field(default_factory=list)

    @property
    def url(self) -> str:
        code = quote(self.code, safe=RFC3986_SUBDELIMS + "~:@")  # as reverse() quotes it
        return _detail_url_pattern(get_script_prefix()).replace(_CODE_SLOT, code)

    @property
    def level_label(self) -> str:
        """E.g. "Toàn trình (mức độ 4)"."""
        return _level_label(self.online_level, get_language())


_CODE_SLOT = "__code__"


@lru_cache(maxsize=32)
def _level_label(level: str, language: str | None) -> str:
    return OnlineLevel.label_with_old(level)  # in the active language, part of the key


@lru_cache(maxsize=8)
def _detail_url_pattern(script_prefix: str) -> str:
    # Reversing costs more than the rest of a result row: do it once, then fill in the code.
    return reverse("catalog:procedure_detail", args=[_CODE_SLOT])


def load_procedures(ids: list[int], *, agencies: bool = True) -> list[ProcedureListItem]:
    """Load list items with their field and agencies (by name), keeping the given order.

    One plain query: this runs on every search page, and model instances cost more to build
    than the page takes to render.
    """
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    columns = "p.id, p.code, p.name, p.online_level, p.popularity, f.name"
    joins = "JOIN catalog_field f ON f.id = p.field_id"
    if agencies:
        columns += ", a.name"
        joins += (
            " LEFT JOIN catalog_procedure_agencies pa ON pa.procedure_id = p.id"
            " LEFT JOIN catalog_agency a ON a.id = pa.agency_id"
        )
    items: dict[int, ProcedureListItem] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM catalog_procedure p {joins} "  # noqa: S608
            f"WHERE p.id IN ({marks}) ORDER BY {'a.name, a.id' if agencies else 'p.id'}",
            ids,
        )
        for row in cursor.fetchall():
            item = items.get(row[0]) or items.setdefault(row[0], ProcedureListItem(*row[:6]))
            if agencies and row[6] is not None:
                item.agency_names.append(row[6])
    return [items[pk] for pk in ids if pk in items]
