"""Procedure search: every query token must match a word prefix of the code, name or texts.

Both databases answer from an index over the folded texts (see search_index.py), so a query
gives the same procedures in the same order on SQLite and PostgreSQL: procedures whose code or
name match every token first, then those matching only in the body; then most used first, then
by name. The ranking runs on narrow indexes and returns ids; only the page's rows are loaded.
"""

from django.db import connection
from django.db.models import Prefetch

from dichvucong.catalog.models import Agency, Procedure
from dichvucong.catalog.search_index import COVER_INDEX, FTS_TABLE, PG_DOCUMENT, PG_NAME
from dichvucong.core.text import search_tokens

# Long pasted texts are cut: a query needs few words to find a procedure.
MAX_QUERY_CHARS = 200
MAX_TOKENS = 12
MAX_TOKEN_CHARS = 40
CHANNEL_COLUMNS = {"counter": "accepts_counter", "online": "accepts_online", "post": "accepts_post"}


def query_tokens(query: str) -> list[str]:
    """Return the folded tokens a query searches for (bounded, free of any syntax)."""
    tokens = search_tokens(query[:MAX_QUERY_CHARS])
    return [token[:MAX_TOKEN_CHARS] for token in tokens[:MAX_TOKENS]]


def _fts_expression(tokens: list[str], *, name_only: bool) -> str:
    # One-letter words match whole words only: as prefixes they would match everything.
    terms = " AND ".join(f'"{t}"' if len(t) == 1 else f'"{t}"*' for t in tokens)
    return f"search_name : ({terms})" if name_only else terms


def _tsquery(tokens: list[str]) -> str:
    return " & ".join(token if len(token) == 1 else f"{token}:*" for token in tokens)


def _match_sql(tokens: list[str], *, name_only: bool) -> tuple[str, list]:
    """SQL (and params) true when a procedure matches every token."""
    if connection.vendor == "sqlite":
        sql = (f"catalog_procedure.id IN (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608
               f"WHERE {FTS_TABLE} MATCH %s)")
        return sql, [_fts_expression(tokens, name_only=name_only)]
    document = PG_NAME if name_only else PG_DOCUMENT
    return f"{document} @@ to_tsquery('simple'::regconfig, %s)", [_tsquery(tokens)]


class ProcedureSearch:
    """Active procedures matching a query and filters; sliceable and countable for pagination."""

    def __init__(self, *, query: str = "", field: str = "", agency: str = "", level: str = "",
                 channel: str = "") -> None:
        self.query, self.field, self.agency = query, field, agency
        self.level, self.channel = level, channel
        self.tokens = query_tokens(query)
        self._count: int | None = None
        self._build_where()

    def _build_where(self) -> None:
        where, params = ["catalog_procedure.is_active"], []
        if self.tokens:
            sql, extra = _match_sql(self.tokens, name_only=False)
            where.append(sql)
            params += extra
        if self.field:
            where.append("catalog_procedure.field_id IN "
                         "(SELECT id FROM catalog_field WHERE code = %s)")
            params.append(self.field)
        if self.agency:
            where.append("catalog_procedure.id IN (SELECT pa.procedure_id FROM "
                         "catalog_procedure_agencies pa JOIN catalog_agency a "
                         "ON a.id = pa.agency_id WHERE a.code = %s)")
            params.append(self.agency)
        if self.level:
            where.append("catalog_procedure.online_level = %s")
            params.append(self.level)
        if self.channel in CHANNEL_COLUMNS:
            where.append(f"catalog_procedure.{CHANNEL_COLUMNS[self.channel]}")
        # SQLite rows carry long texts; the covering index keeps ranking off the wide rows.
        hint = f" INDEXED BY {COVER_INDEX}" if self.tokens and connection.vendor == "sqlite" else ""
        self._from = f"FROM catalog_procedure{hint} WHERE " + " AND ".join(where)
        self._params = params

    def count(self) -> int:
        """Return how many procedures match."""
        if self._count is None:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) {self._from}", self._params)
                self._count = cursor.fetchone()[0]
        return self._count

    def __len__(self) -> int:
        return self.count()

    def ids(self, offset: int = 0, limit: int | None = None) -> list[int]:
        """Return the ids of matching procedures in rank order."""
        order, params = "catalog_procedure.popularity DESC, catalog_procedure.name, " \
                        "catalog_procedure.id", list(self._params)
        if self.tokens:
            name_sql, name_params = _match_sql(self.tokens, name_only=True)
            order = f"({name_sql}) DESC, {order}"
            params += name_params
        sql = f"SELECT catalog_procedure.id {self._from} ORDER BY {order}"
        sql += " LIMIT %s OFFSET %s"
        params += [-1 if limit is None and connection.vendor == "sqlite" else limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def __getitem__(self, key: slice) -> list[Procedure]:
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("ProcedureSearch supports plain slices only")
        start = key.start or 0
        limit = None if key.stop is None else max(key.stop - start, 0)
        return load_procedures(self.ids(start, limit))

    def __iter__(self):
        return iter(self[0:])


# What result lists show; the long texts stay in the database.
LIST_COLUMNS = ("code", "name", "online_level", "popularity", "field__code", "field__name")


def load_procedures(ids: list[int]) -> list[Procedure]:
    """Load procedures with their field and agencies, keeping the given order."""
    if not ids:
        return []
    rows = Procedure.objects.filter(pk__in=ids).only(*LIST_COLUMNS).select_related(
        "field").prefetch_related(
        Prefetch("agencies", queryset=Agency.objects.order_by("name"))
    ).in_bulk()
    return [rows[pk] for pk in ids if pk in rows]
