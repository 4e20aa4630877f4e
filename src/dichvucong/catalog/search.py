"""Procedure search: every query token must match a word prefix of the code, name or texts.

Both databases answer from an index over the folded texts (see search_index.py), so a query
gives the same procedures in the same order on SQLite and PostgreSQL: procedures whose code or
name match every token first, then those matching only in the body; within each part most used
first, then by name. Each part is its own query in that order, so a broad query walks the rank
index and stops at the page's last row instead of sorting every match. Counts of text matches
stop at COUNT_CAP ("more than 1,000"), as a person refines a query long before that.
"""

from django.db import connection, transaction

from dichvucong.catalog.listing import ProcedureListItem, load_procedures
from dichvucong.catalog.search_index import (
    COVER_INDEX,
    FTS_TABLE,
    PG_DOCUMENT,
    PG_NAME,
    RANK_INDEX,
)
from dichvucong.core.text import search_tokens

# Long pasted texts are cut: a query needs few words to find a procedure.
MAX_QUERY_CHARS = 200
MAX_TOKENS = 12
MAX_TOKEN_CHARS = 40
# Text matches are counted up to this many; beyond it the page says "more than".
COUNT_CAP = 1000
# A part with at least this many matches is walked in rank order rather than sorted whole.
DENSE_PART = 500
CHANNEL_COLUMNS = {"counter": "accepts_counter", "online": "accepts_online", "post": "accepts_post"}
RANK_ORDER = "catalog_procedure.popularity DESC, catalog_procedure.name, catalog_procedure.id"
NAME, BODY, ANY = "name", "body", "any"


def query_tokens(query: str) -> list[str]:
    """Return the folded tokens a query searches for (bounded, free of any syntax)."""
    tokens = search_tokens(query[:MAX_QUERY_CHARS])
    return [token[:MAX_TOKEN_CHARS] for token in tokens[:MAX_TOKENS]]


def _fts_expression(tokens: list[str], part: str) -> str:
    # One-letter words match whole words only: as prefixes they would match everything.
    terms = " AND ".join(f'"{t}"' if len(t) == 1 else f'"{t}"*' for t in tokens)
    in_name = f"search_name : ({terms})"
    return {ANY: terms, NAME: in_name, BODY: f"({terms}) NOT {in_name}"}[part]


def _tsquery(tokens: list[str]) -> str:
    # The index holds every word prefix (one-letter words whole): each token is one lexeme.
    return " & ".join(tokens)


def _match_sql(tokens: list[str], part: str) -> tuple[str, list]:
    """SQL (and params) true when a procedure matches every token in that part."""
    if connection.vendor == "sqlite":
        sql = (
            f"catalog_procedure.id IN (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s)"
        )
        return sql, [_fts_expression(tokens, part)]
    query = "to_tsquery('simple'::regconfig, %s)"
    sql = {
        ANY: f"{PG_DOCUMENT} @@ {query}",
        NAME: f"{PG_NAME} @@ {query}",
        BODY: f"{PG_DOCUMENT} @@ {query} AND NOT {PG_NAME} @@ {query}",
    }[part]
    return sql, [_tsquery(tokens)] * sql.count("%s")


# PostgreSQL has no query hints, and its estimates for these queries are poor: it does not
# count the read of a row's out-of-line tsvector, and it takes word-prefix lexemes for rare.
# Each text query is sent after the settings that leave it the intended plan (same round trip,
# one implicit transaction): matches from the GIN index, or a walk of the rank index in order.
_PG_FROM_INDEX = ("SET LOCAL enable_seqscan = off",)
_PG_WALK = (
    "SET LOCAL enable_seqscan = off",
    "SET LOCAL enable_bitmapscan = off",
    "SET LOCAL enable_sort = off",
)
_PG_UNDO = ("RESET enable_seqscan", "RESET enable_bitmapscan", "RESET enable_sort")


def _binds_on_client(connection) -> bool:
    """Whether queries are bound on the client (Django's default), which allows several
    statements in one call."""
    return not connection.settings_dict.get("OPTIONS", {}).get("server_side_binding")


class ProcedureSearch:
    """Active procedures matching a query and filters; sliceable and countable for pagination."""

    def __init__(
        self,
        *,
        query: str = "",
        field: str = "",
        agency: str = "",
        level: str = "",
        channel: str = "",
    ) -> None:
        self.query, self.field, self.agency = query, field, agency
        self.level, self.channel = level, channel
        self.tokens = query_tokens(query)
        self.capped = False
        self._count: int | None = None
        self._part_counts: dict[str, int] = {}
        self._dense: set[str] = set()
        self._top: list[int] | None = None
        self._filters, self._filter_params = self._filter_sql()

    def _filter_sql(self) -> tuple[list[str], list]:
        where, params = [], []
        if self.field:
            where.append(
                "catalog_procedure.field_id = (SELECT id FROM catalog_field WHERE code = %s)"
            )
            params.append(self.field)
        if self.agency:
            where.append(
                "catalog_procedure.id IN (SELECT pa.procedure_id FROM "
                "catalog_procedure_agencies pa JOIN catalog_agency a "
                "ON a.id = pa.agency_id WHERE a.code = %s)"
            )
            params.append(self.agency)
        if self.level:
            where.append("catalog_procedure.online_level = %s")
            params.append(self.level)
        if self.channel in CHANNEL_COLUMNS:
            where.append(f"catalog_procedure.{CHANNEL_COLUMNS[self.channel]}")
        return where, params

    def _from(self, part: str | None, *, walk: bool = True) -> tuple[str, list]:
        """FROM … WHERE for the active procedures matching the filters and, if given, a part.

        A walk reads the rank index in order; otherwise the text index finds the matches.
        """
        if walk or connection.vendor == "sqlite":
            # `= true`, not a bare boolean, so that SQLite too walks the rank index in order.
            where, params = ["catalog_procedure.is_active = %s"], [True]
        else:
            # Not indexable on purpose: PostgreSQL must take the matches from the text index.
            where, params = ["catalog_procedure.is_active::int = 1"], []
        where, params = where + self._filters, params + self._filter_params
        if part is not None:
            sql, extra = _match_sql(self.tokens, part)
            where.append(sql)
            params += extra
        hint = ""
        if connection.vendor == "sqlite" and part is not None:
            # SQLite rows carry long texts: rank from narrow indexes only.
            hint = f" INDEXED BY {RANK_INDEX if walk else COVER_INDEX}"
        return f"FROM catalog_procedure{hint} WHERE " + " AND ".join(where), params

    def _fetch(self, sql: str, params: list, *, walk: bool = False) -> list:
        if not (self.tokens and connection.vendor == "postgresql"):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        settings = _PG_WALK if walk else _PG_FROM_INDEX
        # Inside a transaction block the settings would last until its end: undo them.
        undo = _PG_UNDO if connection.in_atomic_block else ()
        with connection.cursor() as cursor:
            if _binds_on_client(connection):
                cursor.execute("; ".join([*settings, sql, *undo]), params)
                for _setting in settings:
                    cursor.nextset()
                return cursor.fetchall()
            # Server-side binding takes one statement per call: a transaction of its own.
            with transaction.atomic():
                for statement in settings:
                    cursor.execute(statement)
                cursor.execute(sql, params)
                rows = cursor.fetchall()
                for statement in undo:
                    cursor.execute(statement)
            return rows

    def _count_from(self, part: str) -> tuple[str, list]:
        if connection.vendor != "sqlite":
            return self._from(part, walk=False)
        # SQLite: let the text index drive, so that counting stops at the cap.
        where = ["catalog_procedure.is_active = %s", *self._filters, f"{FTS_TABLE} MATCH %s"]
        params = [True, *self._filter_params, _fts_expression(self.tokens, part)]
        return (
            f"FROM {FTS_TABLE} JOIN catalog_procedure INDEXED BY {COVER_INDEX} "
            f"ON catalog_procedure.id = {FTS_TABLE}.rowid WHERE " + " AND ".join(where),
            params,
        )

    def _count_up_to(self, part: str, limit: int) -> int:
        sql, params = self._count_from(part)
        capped_count = f"SELECT COUNT(*) FROM (SELECT 1 {sql} LIMIT %s) AS m"  # noqa: S608
        return self._fetch(capped_count, [*params, limit])[0][0]

    def _count_parts(self) -> None:
        """Count name matches, then body matches, reading at most about COUNT_CAP rows in all.

        A part whose count reached its limit is dense: its pages come from walking the rank
        index. The body's limit is at least DENSE_PART so that a walk finds its rows quickly.
        """
        name = self._count_up_to(NAME, COUNT_CAP + 1)
        self._part_counts[NAME] = name
        self._dense = {NAME} if name > COUNT_CAP else set()
        if name > COUNT_CAP:
            # Every page up to the cap is made of name matches: the body is left uncounted,
            # as if dense (only a slice past the cap reaches it).
            self._part_counts[BODY] = COUNT_CAP + 1
            self._dense.add(BODY)
            return
        limit = max(COUNT_CAP + 1 - name, DENSE_PART)
        # Body matches are the matches minus the name matches: counting all matches is cheaper
        # for both indexes than testing each one against the name.
        body = self._count_up_to(ANY, name + limit) - name
        self._part_counts[BODY] = body
        if body >= limit:
            self._dense.add(BODY)

    @property
    def _narrowed(self) -> bool:
        # A field or an agency leaves few procedures: rank all their matches in one query.
        return bool(self.tokens and (self.field or self.agency))

    def _top_ranked(self) -> list[int]:
        """Return the first COUNT_CAP + 1 matches in rank order, from one query."""
        if self._top is None:
            sql, params = self._from(ANY, walk=False)
            name_sql, name_params = _match_sql(self.tokens, NAME)
            self._top = [
                row[0]
                for row in self._fetch(
                    f"SELECT catalog_procedure.id {sql} ORDER BY ({name_sql}) DESC, {RANK_ORDER} "
                    "LIMIT %s",
                    [*params, *name_params, COUNT_CAP + 1],
                )
            ]
        return self._top

    def count(self) -> int:
        """Return how many procedures match (text matches at most COUNT_CAP; see `capped`)."""
        if self._count is None:
            if not self.tokens:
                sql, params = self._from(None)
                self._count = self._fetch(f"SELECT COUNT(*) {sql}", params)[0][0]
                return self._count
            if self._narrowed:
                found = len(self._top_ranked())
            else:
                self._count_parts()
                found = sum(self._part_counts.values())
            self.capped = found > COUNT_CAP
            self._count = min(found, COUNT_CAP)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def _ranked_ids(self, part: str | None, offset: int, limit: int | None) -> list[int]:
        # A part with more matches than the cap fills a page within the first few hundred rows
        # of the rank index: walk it in order. A smaller part is fetched whole and sorted.
        walk = part is None or part in self._dense
        sql, params = self._from(part, walk=walk)
        order = RANK_ORDER if walk else RANK_ORDER.replace(".popularity", ".popularity + 0")
        sql = f"SELECT catalog_procedure.id {sql} ORDER BY {order} LIMIT %s OFFSET %s"
        params += [-1 if limit is None and connection.vendor == "sqlite" else limit, offset]
        return [row[0] for row in self._fetch(sql, params, walk=walk)]

    def _name_match_count(self) -> int:
        if self._part_counts[NAME] <= COUNT_CAP:
            return self._part_counts[NAME]
        sql, params = self._from(NAME, walk=False)
        return self._fetch(f"SELECT COUNT(*) {sql}", params)[0][0]

    def ids(self, offset: int = 0, limit: int | None = None) -> list[int]:
        """Return the ids of matching procedures in rank order."""
        if not self.tokens:
            return self._ranked_ids(None, offset, limit)
        if self._narrowed:
            top = self._top_ranked()
            if len(top) <= COUNT_CAP or (limit is not None and offset + limit <= len(top)):
                return top[offset:] if limit is None else top[offset : offset + limit]
        if not self._part_counts:
            self._count_parts()
        ids = []
        if NAME in self._dense or self._part_counts[NAME] > offset:
            ids = self._ranked_ids(NAME, offset, limit)
            if limit is not None and len(ids) >= limit:
                return ids
        # The name matches end on this page, or before it: go on with the body matches.
        name_matches = offset + len(ids) if ids else self._name_match_count()
        if not self._part_counts[BODY]:
            return ids
        rest = None if limit is None else limit - len(ids)
        return ids + self._ranked_ids(BODY, max(offset - name_matches, 0), rest)

    def __getitem__(self, key: slice) -> list[ProcedureListItem]:
        if not isinstance(key, slice) or key.step is not None:
            raise TypeError("ProcedureSearch supports plain slices only")
        start = key.start or 0
        limit = None if key.stop is None else max(key.stop - start, 0)
        return load_procedures(self.ids(start, limit))

    def __iter__(self):
        return iter(self[0:])
