"""Benchmark the officer inbox on 1,000,000 dossiers in PostgreSQL.

    /work/main/.venv/bin/python bench/inbox.py [--rows 1000000] [--runs 100] [--keep]

Creates the database `dvc_bench_inbox` (dropped afterwards unless --keep), migrates it, bulk
loads the catalog and dossiers with one INSERT … SELECT generate_series, then times the
workspace pages through Django's test client (full request: session, permissions, queries,
template) and the tab counts alone. Prints a Markdown table for docs/PERFORMANCE.md and fails
if a target is missed: page p95 ≤ 50 ms, counts p95 ≤ 200 ms, constant query count.
"""

import argparse
import os
import re
import secrets
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "dvc_bench_inbox"
PAGE_P95_MS, COUNTS_P95_MS = 50.0, 200.0
MAX_QUERIES = 12  # fixed per page (session, user, scope, rows, counts, lists, …), never per row


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def setup_django() -> None:
    base = ADMIN_URL.rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{DB_NAME}"
    os.environ.setdefault("DVC_TESTING", "1")  # local-memory cache, immediate tasks
    os.environ.setdefault("TASKS_BACKEND", "immediate")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dichvucong.settings"
    import django

    django.setup()


def seed_catalog():
    """Create 20 fields, 100 agencies and 600 procedures; agency 1 handles 200 of them."""
    from dichvucong.accounts.models import StaffRole, User
    from dichvucong.catalog.models import Agency, Field, Procedure

    fields = Field.objects.bulk_create(
        Field(code=f"lv-{i}", name=f"Lĩnh vực {i}", order=i) for i in range(20)
    )
    agencies = Agency.objects.bulk_create(
        Agency(
            code=f"000.00.{i:02d}.B99",
            name=f"Ủy ban nhân dân xã Số {i}",
            level="commune",
            is_demo_code=True,
        )
        for i in range(100)
    )
    procedures = Procedure.objects.bulk_create(
        Procedure(
            code=f"9.{i:06d}",
            name=f"Thủ tục thử tải số {i}",
            field=fields[i % 20],
            online_level="full",
            accepts_online=True,
            processing_days=5,
        )
        for i in range(600)
    )
    through = Procedure.agencies.through
    links = [through(procedure_id=p.pk, agency_id=agencies[0].pk) for p in procedures[:200]]
    links += [
        through(procedure_id=p.pk, agency_id=agencies[1 + i % 99].pk)
        for i, p in enumerate(procedures[200:])
    ]
    through.objects.bulk_create(links)
    officer = User.objects.create_user(
        username="bench-officer", password=secrets.token_urlsafe(), full_name="B"
    )
    StaffRole.objects.create(user=officer, agency=agencies[0], role="counter")
    StaffRole.objects.create(user=officer, agency=agencies[0], role="specialist")
    return officer, agencies, procedures


SEED_SQL = """
WITH base AS (
  SELECT g,
         CASE WHEN g %% 10 = 0 THEN %(big)s ELSE %(first)s + 1 + (g %% 99) END AS agency_id,
         now() - ((%(rows)s - g) * interval '30 seconds') AS submitted,
         (g::bigint * 7919) %% 100 AS r
  FROM generate_series(1, %(rows)s) AS g
), shaped AS (
  SELECT b.*,
    CASE WHEN g > %(rows)s - 40000 THEN
           (ARRAY[1,1,2,4,4,4,4,5,6,9,9,10])[1 + r %% 12]
         WHEN g %% 997 = 0 THEN 4
         WHEN r < 3 THEN 3 WHEN r < 6 THEN 7 WHEN r < 8 THEN 8 ELSE 10 END AS status,
    CASE WHEN r < 70 THEN 2 WHEN r < 98 THEN 1 ELSE 3 END AS channel,
    (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Võ','Đặng','Bùi'])[1 + g %% 8] AS ho,
    (ARRAY['nguyen','tran','le','pham','hoang','vo','dang','bui'])[1 + g %% 8] AS ho_f,
    (ARRAY['Văn An','Thị Bình','Minh Châu','Thị Dung','Quốc Hùng','Thu Hà'])[1 + g %% 6] AS ten,
    (ARRAY['van an','thi binh','minh chau','thi dung','quoc hung','thu ha'])[1 + g %% 6] AS ten_f
  FROM base b
)
INSERT INTO dossiers_dossier (
  created_at, updated_at, code, procedure_id, agency_id, applicant_name, applicant_id_number,
  applicant_phone, applicant_email, applicant_address, status, channel, form_data, draft_step,
  result_delivery, delivery_address, submitted_at, received_at, due_at, timeliness, fee_total,
  search_text, applicant_identity_method, fee_lines, awaiting_approval{extra_columns})
SELECT submitted, submitted,
  'B' || lpad(agency_id::text, 3, '0') || '-' || to_char(submitted, 'YYMMDD') || '-' || g,
  CASE WHEN agency_id = %(big)s THEN %(p0)s + (g / 10) %% 200
       ELSE %(p0)s + 200 + ((agency_id - %(first)s - 1) + 99 * ((g / 7) %% 4)) %% 400 END,
  agency_id, ho || ' ' || ten || ' ' || (g %% 1000), '', '', '', '', status, channel, '{}', '',
  'counter', '{}', submitted,
  CASE WHEN status > 1 THEN submitted END,
  CASE WHEN status > 1 THEN submitted + interval '7 days' END, '', 0,
  'b' || lpad(agency_id::text, 3, '0') || ' ' || ho_f || ' ' || ten_f || ' ' || (g %% 1000),
  '', '[]', false{extra_values}
FROM shaped
"""


def reuse_seeded():
    """Return the officer, agencies and procedures of a database kept with --keep."""
    from dichvucong.accounts.models import User
    from dichvucong.catalog.models import Agency, Procedure

    return (
        User.objects.get(username="bench-officer"),
        list(Agency.objects.order_by("pk")),
        list(Procedure.objects.order_by("pk")),
        float("nan"),
    )


def _other_columns(sql: str) -> tuple[str, str, dict]:
    """The dossier's NOT NULL columns the SQL does not name, filled with the model's defaults.

    A column added later (with a Python-side default, as Django makes them) would otherwise
    stop the bulk load with a NOT NULL violation.
    """
    from django.db import connection

    from dichvucong.dossiers.models import Dossier

    named = set(re.findall(r"\w+", sql.split("INSERT INTO dossiers_dossier (", 1)[1].split(")")[0]))
    columns, values, params = "", "", {}
    for field in Dossier._meta.concrete_fields:
        if field.primary_key or field.null or field.column in named:
            continue
        key = f"default_{field.column}"
        columns += f", {field.column}"
        values += f", %({key})s"
        params[key] = field.get_db_prep_save(field.get_default(), connection)
    return columns, values, params


def seed_dossiers(rows: int, agencies, procedures) -> float:
    from django.db import connection

    inbox_indexes = import_module("dichvucong.processing.migrations.0002_inbox_indexes")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Bulk-load practice: drop the inbox indexes, load, then build them in one pass each.
        for name in [*inbox_indexes.INDEXES, "dvc_inbox_search_trgm"]:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        columns, values, defaults = _other_columns(SEED_SQL)
        cursor.execute(
            SEED_SQL.replace("{extra_columns}", columns).replace("{extra_values}", values),
            {
                "rows": rows,
                "big": agencies[0].pk,
                "first": agencies[0].pk,
                "p0": procedures[0].pk,
                **defaults,
            },
        )
        for name, spec in inbox_indexes.INDEXES.items():
            cursor.execute(f"CREATE INDEX {name} ON dossiers_dossier {spec}")
        cursor.execute(
            "CREATE INDEX dvc_inbox_search_trgm ON dossiers_dossier "
            "USING gin (search_text gin_trgm_ops)"
        )
        cursor.execute("VACUUM ANALYZE")  # every table: the catalog was bulk-created too
    return time.perf_counter() - started


def timed(fn, runs: int) -> tuple[float, float]:
    for _ in range(5):
        fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def scenarios(officer, procedures):
    from dichvucong.dossiers.models import Dossier

    code = (
        Dossier.objects.filter(agency__staff_roles__user=officer, status=10)
        .values_list("code", flat=True)
        .first()
    )
    return [
        ("Trang đầu (tab Mới)", {}),
        ("Tab Đang xử lý", {"tab": "dang-xu-ly"}),
        ("Tab Quá hạn", {"tab": "qua-han"}),
        ("Tab Sắp đến hạn", {"tab": "sap-den-han"}),
        ("Tab Đã xong", {"tab": "da-xong"}),
        ("Đã xong + lọc thủ tục", {"tab": "da-xong", "procedure": procedures[5].pk}),
        ("Đã xong + lọc lĩnh vực", {"tab": "da-xong", "field": procedures[5].field_id}),
        ("Đã xong + kênh trực tiếp", {"tab": "da-xong", "channel": 1}),
        (
            "Đã xong + khoảng ngày",
            {"tab": "da-xong", "tu_ngay": "2026-03-01", "den_ngay": "2026-03-31"},
        ),
        ("Đã xong + tìm tên", {"tab": "da-xong", "q": "Nguyễn Văn An 120"}),
        *([("Đã xong + tìm mã", {"tab": "da-xong", "q": code})] if code else []),
    ]


def count_queries(fn):
    """Run fn and return its result with the number of SQL statements it sent."""
    from django.db import connection

    executed = []

    def wrapper(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        result = fn()
    return result, len(executed)


def server_times(officer, params: dict, runs: int) -> tuple[float, float]:
    """Return PostgreSQL's own execution time (EXPLAIN ANALYZE) of a page's rows query."""
    from dichvucong.accounts.permissions import staff_agency_ids
    from dichvucong.processing import inbox
    from dichvucong.processing.forms import InboxFilterForm

    agency_ids = staff_agency_ids(officer)
    tab = inbox.TABS_BY_SLUG.get(params.get("tab", ""), inbox.TABS[0])
    filters = InboxFilterForm(params or None, agency_ids=agency_ids).to_filters()
    sql, sql_params = inbox.page_queryset(
        agency_ids=agency_ids, tab=tab, filters=filters, cursor=params.get("sau", "")
    ).query.sql_with_params()
    return _explain_times("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, sql_params, runs)


def _explain_times(sql: str, params, runs: int) -> tuple[float, float]:
    import json

    from django.db import connection

    def once() -> float:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Execution Time"]

    samples = sorted(once() for _ in range(runs))
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def counts_statements(ids, now, soon) -> list[tuple[str, list]]:
    """Return the EXPLAIN ANALYZE statements of the tab counts' queries."""
    from django.db import connection

    from dichvucong.processing.inbox import tab_counts

    captured = []

    def wrapper(execute, sql, params, many, context):
        captured.append(("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        tab_counts(ids, now, soon)
    return captured


def counts_server_times(ids, now, soon, runs: int) -> tuple[float, float]:
    """The server's execution time of all the counts' queries together (p50, p95)."""
    statements = counts_statements(ids, now, soon)
    per_query = [_explain_times(sql, params, runs) for sql, params in statements]
    return sum(p50 for p50, _ in per_query), sum(p95 for _, p95 in per_query)


def select_page(officer, params: dict):
    """Run only the page's database reads (rows of the tab with its filters)."""
    from dichvucong.accounts.permissions import staff_agency_ids
    from dichvucong.processing import inbox
    from dichvucong.processing.forms import InboxFilterForm

    agency_ids = staff_agency_ids(officer)
    tab = inbox.TABS_BY_SLUG.get(params.get("tab", ""), inbox.TABS[0])
    filters = InboxFilterForm(params or None, agency_ids=agency_ids).to_filters()
    return inbox.inbox_page(agency_ids=agency_ids, tab=tab, filters=filters)


def measure(officer, agencies, procedures, runs: int) -> list[tuple]:
    from django.test import Client
    from django.utils import timezone

    from dichvucong.processing.deadlines import due_soon_threshold
    from dichvucong.processing.inbox import tab_counts

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(officer)
    results = []
    for label, params in scenarios(officer, procedures):

        def get(params=params):
            response = client.get("/can-bo/", params)
            assert response.status_code == 200, response.status_code
            return response

        response, query_count = count_queries(get)
        rows = response.content.decode().count('href="/can-bo/ho-so/')
        p50, p95 = timed(get, runs)
        db50, db95 = timed(lambda params=params: select_page(officer, params), runs)
        sv50, sv95 = server_times(officer, params, runs)
        results.append((label, rows, query_count, p50, p95, db50, db95, sv50, sv95))
    first = client.get("/can-bo/", {"tab": "da-xong"}).content.decode()
    cursor = unquote(re.search(r"sau=([^&\"]+)", first).group(1))
    p50, p95 = timed(lambda: client.get("/can-bo/", {"tab": "da-xong", "sau": cursor}), runs)
    page2 = {"tab": "da-xong", "sau": cursor}
    db50, db95 = timed(lambda: select_page(officer, page2), runs)
    sv50, sv95 = server_times(officer, page2, runs)
    results.append(("Đã xong, trang 2 (keyset)", 20, None, p50, p95, db50, db95, sv50, sv95))
    ids = {agencies[0].pk}
    now = timezone.now()
    soon = due_soon_threshold(now)
    p50, p95 = timed(lambda: tab_counts(ids, now, soon), runs)
    sv50, sv95 = counts_server_times(ids, now, soon, runs)
    queries = len(counts_statements(ids, now, soon))
    results.append(("Đếm các tab", None, queries, None, None, p50, p95, sv50, sv95))
    return results


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    args = parser.parse_args()
    if not args.reuse:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        setup_django()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        if args.reuse:
            officer, agencies, procedures, load_seconds = reuse_seeded()
        else:
            officer, agencies, procedures = seed_catalog()
            load_seconds = seed_dossiers(args.rows, agencies, procedures)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM dossiers_dossier WHERE agency_id = %s", [agencies[0].pk]
            )
            big = cursor.fetchone()[0]
        results = measure(officer, agencies, procedures, args.runs)
        connection.close()
    finally:
        if not (args.keep or args.reuse):
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return report(args, load_seconds, big, results)


def report(args, load_seconds: float, big: int, results) -> int:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nLoaded {args.rows:,} dossiers in {load_seconds:.1f} s; officer's agency holds "
        f"{big:,}. {args.runs} timed runs each; load average now {load} on "
        f"{os.cpu_count()} CPUs.\n"
    )
    print(
        "| scenario | rows | queries | page p50 | page p95 | ORM reads p50 | ORM reads p95 "
        "| PostgreSQL p50 | PostgreSQL p95 |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    failed = False
    for label, rows, queries, p50, p95, db50, db95, sv50, sv95 in results:
        limit = COUNTS_P95_MS if p95 is None else PAGE_P95_MS
        failed |= (p95 if p95 is not None else db95) > limit
        failed |= queries is not None and queries > MAX_QUERIES
        print(
            f"| {label} | {_cell(rows)} | {_cell(queries)} | {_ms(p50)} | {_ms(p95)} | "
            f"{_ms(db50)} | {_ms(db95)} | {_ms(sv50)} | {_ms(sv95)} |"
        )
    print("\n(times in ms; page = whole request through Django's test client)")
    print("\nTARGETS " + ("MISSED" if failed else "MET"))
    return 1 if failed else 0


def _cell(value) -> str:
    return "—" if value is None else str(value)


def _ms(value) -> str:
    return "—" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    sys.exit(main())
