"""The database-side search index: SQLite FTS5 or PostgreSQL GIN, created by migrations."""

from django.db.backends.base.base import BaseDatabaseWrapper

FTS_TABLE = "catalog_procedure_fts"

_SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON catalog_procedure BEGIN
      INSERT INTO {FTS_TABLE}(rowid, search_name, search_body)
      VALUES (new.id, new.search_name, new.search_body);
    END""",  # noqa: S608 - constant identifiers only
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON catalog_procedure BEGIN
      INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name, search_body)
      VALUES ('delete', old.id, old.search_name, old.search_body);
    END""",  # noqa: S608 - constant identifiers only
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au
    AFTER UPDATE OF id, search_name, search_body ON catalog_procedure BEGIN
      INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_name, search_body)
      VALUES ('delete', old.id, old.search_name, old.search_body);
      INSERT INTO {FTS_TABLE}(rowid, search_name, search_body)
      VALUES (new.id, new.search_name, new.search_body);
    END""",  # noqa: S608 - constant identifiers only
]

# The stored texts are already folded ASCII tokens, so unicode61 splits them exactly as
# core.text.search_tokens does. Prefix indexes answer prefix queries of two to six letters
# without merging every word that starts with them (one-letter words match whole words only).
_SQLITE_PREFIXES = "prefix='2 3 4 5 6'"
_SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "search_name, search_body, content='catalog_procedure', content_rowid='id', "
    f"tokenize='unicode61 remove_diacritics 0', {_SQLITE_PREFIXES})"
)

RANK_INDEX = "catalog_procedure_rank"
COVER_INDEX = "catalog_procedure_rank_cover"
# Narrow indexes for ranking and counting: the procedure rows themselves carry long texts.
_RANK_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS {RANK_INDEX} ON catalog_procedure "
    "(is_active, popularity DESC, name, id)",
    "CREATE INDEX IF NOT EXISTS catalog_procedure_field_active ON catalog_procedure "
    "(field_id, is_active)",
    f"CREATE INDEX IF NOT EXISTS {COVER_INDEX} ON catalog_procedure (id, is_active, popularity, "
    "name, field_id, online_level, accepts_counter, accepts_online, accepts_post)",
]

# PostgreSQL indexes every word prefix of the folded texts (from two letters; one-letter words
# whole), as stored tsvector columns without positions (generated, unknown to the ORM) with GIN
# indexes: a query token is then one exact lexeme, and GIN intersects the posting lists directly
# instead of merging every lexeme that starts with each token. Long values live out of line
# (TOAST) so that the rows a search visits stay narrow; the name, its prefixes and the rank
# columns stay in the row, as ranking reads them.
PG_DOCUMENT = "catalog_procedure.search_prefixes"
PG_NAME = "catalog_procedure.search_name_prefixes"
_PG_PREFIX_FUNCTION = "catalog_prefix_vector"
_PG_INDEXES = [
    f"""CREATE OR REPLACE FUNCTION {_PG_PREFIX_FUNCTION}(words text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT array_to_tsvector(coalesce(array_agg(DISTINCT left(word, n)), '{{}}'))
      FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, words))) AS word,
           generate_series(least(2, length(word)), length(word)) AS n
    $$""",  # noqa: S608 - constant identifiers only
    # Before any rewrite below, so that rewritten rows are narrow already (rows written
    # earlier stay as they were until VACUUM FULL).
    "ALTER TABLE catalog_procedure SET (toast_tuple_target = 128), "
    "ALTER COLUMN name SET STORAGE MAIN, ALTER COLUMN search_name SET STORAGE EXTERNAL, "
    "ALTER COLUMN search_body SET STORAGE EXTERNAL",
    # The first version indexed whole words and matched prefixes in the query.
    "DROP INDEX IF EXISTS catalog_procedure_search_doc_gin",
    "DROP INDEX IF EXISTS catalog_procedure_search_name_doc_gin",
    "ALTER TABLE catalog_procedure DROP COLUMN IF EXISTS search_document, "
    "DROP COLUMN IF EXISTS search_name_document",
    "ALTER TABLE catalog_procedure ADD COLUMN IF NOT EXISTS search_prefixes tsvector "
    f"GENERATED ALWAYS AS ({_PG_PREFIX_FUNCTION}(search_name || ' ' || search_body)) STORED",
    "ALTER TABLE catalog_procedure ADD COLUMN IF NOT EXISTS search_name_prefixes tsvector "
    f"GENERATED ALWAYS AS ({_PG_PREFIX_FUNCTION}(search_name)) STORED",
    "ALTER TABLE catalog_procedure ALTER COLUMN search_name_prefixes SET STORAGE MAIN, "
    "ALTER COLUMN search_prefixes SET STORAGE EXTERNAL",
    # The catalog changes rarely: index entries go straight into the index, no pending list.
    "CREATE INDEX IF NOT EXISTS catalog_procedure_search_prefix_gin ON catalog_procedure "
    "USING gin (search_prefixes) WITH (fastupdate = off)",
    "CREATE INDEX IF NOT EXISTS catalog_procedure_search_name_prefix_gin ON catalog_procedure "
    "USING gin (search_name_prefixes) WITH (fastupdate = off)",
]
PG_INDEX_NAMES = ("catalog_procedure_search_prefix_gin", "catalog_procedure_search_name_prefix_gin")


def _sqlite_table_outdated(cursor) -> bool:
    cursor.execute("SELECT sql FROM sqlite_master WHERE name = %s", [FTS_TABLE])
    row = cursor.fetchone()
    return row is not None and _SQLITE_PREFIXES not in row[0]


def _sqlite_triggers_missing(cursor) -> bool:
    cursor.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
        [f"{FTS_TABLE}_a%"],
    )
    return cursor.fetchone()[0] < len(_SQLITE_TRIGGERS)


def ensure_search_index(connection: BaseDatabaseWrapper) -> None:
    """Create the index (and on SQLite its sync triggers) if missing; rebuild when repaired."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A table rebuild by a later ALTER migration drops the triggers: restore them.
            repair = _sqlite_triggers_missing(cursor)
            if _sqlite_table_outdated(cursor):
                cursor.execute(f"DROP TABLE {FTS_TABLE}")
                repair = True
            cursor.execute(_SQLITE_TABLE)
            for statement in _SQLITE_TRIGGERS:
                cursor.execute(statement)
            for statement in _RANK_INDEXES:
                cursor.execute(statement)
            if repair:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608
        elif connection.vendor == "postgresql":
            for statement in _PG_INDEXES + _RANK_INDEXES:
                cursor.execute(statement)


def drop_search_index(connection: BaseDatabaseWrapper) -> None:
    """Remove the index (migration reverse)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            for index in PG_INDEX_NAMES:
                cursor.execute(f"DROP INDEX IF EXISTS {index}")
            cursor.execute("ALTER TABLE catalog_procedure RESET (toast_tuple_target)")
            cursor.execute(
                "ALTER TABLE catalog_procedure DROP COLUMN IF EXISTS search_prefixes, "
                "DROP COLUMN IF EXISTS search_name_prefixes"
            )
            cursor.execute(f"DROP FUNCTION IF EXISTS {_PG_PREFIX_FUNCTION}(text)")
        for name in (RANK_INDEX, "catalog_procedure_field_active", COVER_INDEX):
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
