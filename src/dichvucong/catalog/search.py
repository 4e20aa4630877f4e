"""Procedure search: every query token must match a word prefix of the code, name or texts.

Both databases answer from an index over the folded texts (see search_index.py), so a query
gives the same procedures on SQLite and PostgreSQL. Procedures whose code or name match every
token rank before those that match only in the body.
"""

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.db.models.expressions import RawSQL

from dichvucong.catalog.search_index import FTS_TABLE, PG_DOCUMENT, PG_NAME
from dichvucong.core.text import search_tokens

# Long pasted texts are cut: a query needs few words to find a procedure.
MAX_QUERY_CHARS = 200
MAX_TOKENS = 12
MAX_TOKEN_CHARS = 40


def query_tokens(query: str) -> list[str]:
    """Return the folded tokens a query searches for (bounded, free of any syntax)."""
    tokens = search_tokens(query[:MAX_QUERY_CHARS])
    return [token[:MAX_TOKEN_CHARS] for token in tokens[:MAX_TOKENS]]


def _match(tokens: list[str], *, name_only: bool) -> RawSQL | Q:
    """Return a boolean expression: the procedure matches every token as a word prefix."""
    vendor = connection.vendor
    if vendor == "sqlite":
        expression = " AND ".join(f'"{token}"*' for token in tokens)
        if name_only:
            expression = f"search_name : ({expression})"
        # Only constant identifiers are formatted in; the query goes as a parameter.
        sql = (f'"catalog_procedure"."id" IN (SELECT rowid FROM {FTS_TABLE} '  # noqa: S608
               f"WHERE {FTS_TABLE} MATCH %s)")
        return RawSQL(sql, (expression,), output_field=BooleanField())  # noqa: S611
    if vendor == "postgresql":
        tsquery = " & ".join(f"{token}:*" for token in tokens)
        document = PG_NAME if name_only else PG_DOCUMENT
        sql = f"{document} @@ to_tsquery('simple'::regconfig, %s)"
        return RawSQL(sql, (tsquery,), output_field=BooleanField())  # noqa: S611
    return _match_portable(tokens, name_only=name_only)


def _match_portable(tokens: list[str], *, name_only: bool) -> Q:
    """Unindexed fallback for other databases, with the same word-prefix meaning."""
    condition = Q()
    for token in tokens:
        in_name = Q(search_name__startswith=token) | Q(search_name__contains=f" {token}")
        in_body = Q(search_body__startswith=token) | Q(search_body__contains=f" {token}")
        condition &= in_name if name_only else (in_name | in_body)
    return condition


def search_procedures(queryset: QuerySet, query: str) -> QuerySet:
    """Filter a procedure queryset by a free-text query and order it by relevance."""
    tokens = query_tokens(query)
    if not tokens:
        return queryset.order_by("-popularity", "name", "id")
    name_match = ExpressionWrapper(_match(tokens, name_only=True), output_field=BooleanField())
    return (
        queryset.filter(_match(tokens, name_only=False))
        .annotate(name_match=name_match)
        .order_by("-name_match", "-popularity", "name", "id")
    )
