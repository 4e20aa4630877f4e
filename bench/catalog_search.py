"""Benchmark the catalog search page against a bare Django view, both served by granian.

    python bench/catalog_search.py [--sizes 2000 20000] [--seconds 5] [--repeat 40]

Builds synthetic catalogs (bench/catalog_generator.py) in a separate SQLite file per size (and,
when DATABASE_URL=postgres://… is set, in a scratch database `<name>_catalog_bench` on that
server, created and dropped here), serves the portal with granian (WSGI, DEBUG off, a SECRET_KEY,
persistent connections: the production settings plus a bare view and a Server-Timing header,
see bench_settings.py) on a free loopback port, then prints p50/p95 of the server time of the
search page and the throughput of the search page and of the bare view, with their ratio.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
SRC, BENCH = ROOT / "src", ROOT / "bench"
RESULTS = BENCH / "results"
QUERIES = [
    "dang ky khai sinh",
    "ĐĂNG KÝ KẾT HÔN",
    "giấy phép xây dựng",
    "cap lai giay phep lai xe",
    "chứng thực bản sao",
    "đất đai",
    "ho kinh doanh",
    "1.000123",
    "xac nhan",
    "c",
    "thu",
    "phiếu lý lịch tư pháp",
    "an toàn thực phẩm",
    "không có thủ tục này",
]
FILTERED = [
    {"q": "cap", "field": "dat-dai"},
    {"level": "full", "channel": "post"},
    {"agency": "000.00.01.B99"},
    {},
]
TARGETS = {"p95_ms": 15.0, "ratio": 0.25}


def search_paths() -> list[str]:
    params = [{"q": q} for q in QUERIES] + FILTERED
    return ["/thu-tuc/?" + urlencode(p) if p else "/thu-tuc/" for p in params]


# --- building a catalog (runs in a child process with the benchmark's environment) ----------
def build(size: int) -> None:
    sys.path[:0] = [str(SRC), str(BENCH)]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = time.perf_counter()
    _insert_catalog(size)
    print(f"  built {size} procedures in {time.perf_counter() - started:.1f} s", flush=True)


def _insert_catalog(size: int) -> None:
    import random

    from django.db import connection, transaction

    from catalog_generator import agency_rows, field_rows, procedures
    from dichvucong.catalog.cache import bump_catalog_version
    from dichvucong.catalog.models import Agency, Field, Procedure
    from dichvucong.catalog.search_fields import refresh_search_fields
    from dichvucong.core.models import Province

    rng = random.Random(7)
    with transaction.atomic():
        Province.objects.create(
            code="99",
            name="Tỉnh Thử Nghiệm",
            portal_name="Cổng Dịch vụ công tỉnh Thử Nghiệm",
            centre_name="Trung tâm Phục vụ hành chính công tỉnh Thử Nghiệm",
            centre_address="Số 1 đường Thử Nghiệm",
            hotline="1900 0000",
        )
        fields = {
            f.code: f
            for f in Field.objects.bulk_create(
                [
                    Field(code=code, name=name, order=i)
                    for i, (code, name) in enumerate(field_rows())
                ]
            )
        }
        agencies = Agency.objects.bulk_create(
            [
                Agency(code=code, name=name, level="commune", is_demo_code=True)
                for code, name in agency_rows()
            ]
        )
        rows = []
        for values in procedures(size):
            procedure = Procedure(**(values | {"field": fields[values["field"]]}))
            refresh_search_fields(procedure)
            rows.append(procedure)
        Procedure.objects.bulk_create(rows, batch_size=1000)
        through = Procedure.agencies.through
        links = [
            through(procedure_id=p.pk, agency_id=a.pk)
            for p in rows
            for a in rng.sample(agencies, rng.choice((1, 1, 2)))
        ]
        through.objects.bulk_create(links, batch_size=5000)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO catalog_procedure_fts(catalog_procedure_fts) VALUES ('optimize')"
            )
        # A live database is vacuumed by autovacuum; a freshly loaded one not yet. Index-only
        # counts need the visibility map that VACUUM sets.
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    bump_catalog_version()


# --- serving and measuring --------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(env: dict, workers: int):
    """Run granian on a free loopback port; stop it on exit."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "4",
            "--no-ws",
            "--log-level",
            "warning",
            "dichvucong.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_ready(port, server)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait_ready(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("granian exited before serving")
        try:
            status, _, _ = fetch(
                http.client.HTTPConnection("127.0.0.1", port, timeout=5), "/healthz"
            )
            if status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("granian did not answer within 30 s")


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[int, float, bytes]:
    """GET a path on a kept-alive connection; return status, server ms and body."""
    conn.request("GET", path, headers={"Accept-Language": "vi"})
    response = conn.getresponse()
    body = response.read()
    timing = response.getheader("Server-Timing", "app;dur=nan")
    return response.status, float(timing.split("dur=")[1]), body


def latency(port: int, paths: list[str], repeat: int) -> dict:
    """Sequential requests: the server time of each search path, in ms."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    per_path, everything = {}, []
    for path in paths:
        for _ in range(3):
            fetch(conn, path)
        times = []
        for _ in range(repeat):
            status, ms, _ = fetch(conn, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            times.append(ms)
        per_path[path] = (statistics.median(times), percentile(times, 95))
        everything += times
    conn.close()
    return {
        "p50": statistics.median(everything),
        "p95": percentile(everything, 95),
        "per_path": per_path,
    }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _hammer(port: int, paths: list[str], seconds: float) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        status, _, _ = fetch(conn, paths[done % len(paths)])
        done += 1
        errors += status != 200
    conn.close()
    return done, errors


def throughput(port: int, paths: list[str], seconds: float, clients: int) -> float:
    """Requests per second with several kept-alive clients in parallel processes."""
    with ProcessPoolExecutor(clients) as pool:
        results = list(pool.map(_hammer, [port] * clients, [paths] * clients, [seconds] * clients))
    if any(errors for _, errors in results):
        raise SystemExit(f"errors while measuring throughput of {paths[0]}")
    return sum(done for done, _ in results) / seconds


# --- orchestration ------------------------------------------------------------------------
def bench_env(database_url: str, data_dir: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        {
            "DATABASE_URL": database_url,
            "DATA_DIR": str(data_dir),
            "DEBUG": "0",
            "SECRET_KEY": "bench-" + os.urandom(16).hex(),
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "PYTHONPATH": os.pathsep.join([str(SRC), str(BENCH)]),
            "DEMO_MODE": "0",
            "DVC_TESTING": "0",
            "TASKS_BACKEND": "immediate",
        }
    )
    return env


@contextmanager
def postgres_scratch(url: str):
    """Create `<name>_catalog_bench` on the DATABASE_URL server; drop it afterwards."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_catalog_bench"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_one(backend: str, url: str, size: int, data_dir: Path, args) -> dict:
    env = bench_env(url, data_dir)
    subprocess.run(
        [sys.executable, __file__, "build", "--size", str(size)], env=env, cwd=ROOT, check=True
    )
    paths = search_paths()
    with serve(env | {"CATALOG_CACHE_SECONDS": "0"}, args.workers) as port:
        cold = latency(port, paths, args.repeat)
    with serve(env, args.workers) as port:
        warm = latency(port, paths, args.repeat)
        bare_rps = throughput(port, ["/bench/bare/"], args.seconds, args.clients)
        search_rps = throughput(port, paths, args.seconds, args.clients)
    return {
        "backend": backend,
        "size": size,
        "p50_ms": cold["p50"],
        "p95_ms": cold["p95"],
        "cached_p50_ms": warm["p50"],
        "cached_p95_ms": warm["p95"],
        "search_rps": search_rps,
        "bare_rps": bare_rps,
        "ratio": search_rps / bare_rps,
        "per_path": cold["per_path"],
    }


def report(result: dict, verbose: bool) -> None:
    ok_p95 = result["p95_ms"] <= TARGETS["p95_ms"]
    ok_ratio = result["ratio"] >= TARGETS["ratio"]
    print(
        f"{result['backend']:<10} {result['size']:>6}  uncached p50 {result['p50_ms']:6.2f} ms "
        f"p95 {result['p95_ms']:6.2f} ms {'ok ' if ok_p95 else 'SLOW'} | cached p50 "
        f"{result['cached_p50_ms']:5.2f} ms p95 {result['cached_p95_ms']:5.2f} ms | "
        f"search {result['search_rps']:6.0f} req/s  bare {result['bare_rps']:6.0f} req/s  "
        f"ratio {result['ratio']:5.1%} {'ok' if ok_ratio else 'LOW'}",
        flush=True,
    )
    if verbose:
        for path, (p50, p95) in result["per_path"].items():
            print(f"    {p50:6.2f} / {p95:6.2f} ms  {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "build"])
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--seconds", type=float, default=5.0, help="per throughput run")
    parser.add_argument("--repeat", type=int, default=30, help="requests per search path")
    parser.add_argument("--clients", type=int, default=4, help="parallel client processes")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "2")))
    parser.add_argument("--verbose", action="store_true", help="print every search path")
    parser.add_argument("--skip-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    if args.command == "build":
        build(args.size)
        return
    results = []
    print(
        f"granian WSGI, {args.workers} workers; {args.clients} client processes; "
        f"targets: p95 <= {TARGETS['p95_ms']} ms, ratio >= {TARGETS['ratio']:.0%}"
    )
    with tempfile.TemporaryDirectory(prefix="dvc-bench-") as tmp:
        for size in [] if args.skip_sqlite else args.sizes:
            sqlite_url = f"sqlite:///{Path(tmp) / f'catalog-{size}.sqlite3'}"
            results.append(run_one("sqlite", sqlite_url, size, Path(tmp), args))
            report(results[-1], args.verbose)
        database_url = os.environ.get("DATABASE_URL", "")
        if database_url.startswith(("postgres://", "postgresql://")):
            for size in args.sizes:
                with postgres_scratch(database_url) as url:
                    results.append(run_one("postgresql", url, size, Path(tmp), args))
                report(results[-1], args.verbose)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "catalog_search.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
