"""Throughput of the public dossier lookup beside a bare Django view, same server, same run.

Both are served by granian (WSGI, DEBUG off, the project's settings) on a free loopback port
and loaded by the same client. The per-IP lookup limit is raised (LOOKUP_RATE_LIMIT) for the
run (every request comes from 127.0.0.1). "lookup" is the QR link (code + signed token) that
receipts carry, the deployed code path including its per-process page cache; "form" is the
plain lookup page; "code + 4 digits" POSTs the form: it checks the limit, queries the dossier
and its events and renders every time.

    /work/main/.venv/bin/python bench/lookup.py [--rounds 5] [--seconds 3] [--cache redis]

With DATABASE_URL=postgres://… it runs on a throwaway database created beside that one.
"""

import argparse
import http.client
import multiprocessing
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict) -> tuple[str, str, str]:
    """Migrate a fresh database, create one dossier; return its two lookup paths and procedure."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from dichvucong.dossiers.models import DossierStatus
    from dichvucong.tracking.lookup import lookup_url_for
    from dichvucong.tracking.tests.factories import make_dossier, make_event

    dossier = make_dossier(applicant=False, status=DossierStatus.PROCESSING)
    for status in (DossierStatus.NEW, DossierStatus.RECEIVED, DossierStatus.PROCESSING):
        make_event(dossier, to_status=status, note="Ghi chú cho công dân")
    url = lookup_url_for(dossier)
    factor_body = f"ma={dossier.code}&so={dossier.applicant_phone[-4:]}"
    return url[url.index("/tra-cuu/") :], factor_body, dossier.procedure.name


def hammer(args: tuple) -> int:
    """Send requests on one keep-alive connection until the deadline; return how many got 200.

    `path` is a GET path, or ("POST", path, form body) for the typed lookup.
    """
    port, path, deadline = args
    method, body = "GET", None
    if isinstance(path, tuple):
        method, path, body = path
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    done = 0
    while time.monotonic() < deadline:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        done += 1
    conn.close()
    return done


def measure(port: int, path: str, seconds: float, clients: int) -> float:
    hammer((port, path, time.monotonic() + 0.3))  # warm up
    with multiprocessing.Pool(clients) as pool:
        deadline = time.monotonic() + seconds
        total = sum(pool.map(hammer, [(port, path, deadline)] * clients))
    return total / seconds


def wait_ready(port: int, proc: subprocess.Popen) -> None:
    for _ in range(100):
        if proc.poll() is not None:
            raise RuntimeError("granian exited early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("granian did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2, help="granian blocking threads")
    parser.add_argument(
        "--cache",
        choices=["redis", "database"],
        default="redis",
        help="redis: a throwaway redis-server on a free loopback port",
    )
    opts = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="dvc-bench-lookup-")
    env = {
        "DJANGO_SETTINGS_MODULE": "dichvucong.settings",
        "DEBUG": "0",
        "DATA_DIR": tmp,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOOKUP_RATE_LIMIT": str(10**9),
        "LOG_LEVEL": "WARNING",
    }
    database = throwaway_database(os.environ.get("DATABASE_URL", ""))
    if database:
        env["DATABASE_URL"] = database
    redis = None
    if opts.cache == "redis":
        redis_port = free_port()
        redis = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        time.sleep(0.3)
    try:
        run(opts, env)
    finally:
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        if database:
            drop_database(database)
        shutil.rmtree(tmp, ignore_errors=True)


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def throwaway_database(url: str) -> str | None:
    """On PostgreSQL, create a fresh database beside the given one; return its URL."""
    if not url.startswith("postgres"):
        return None
    name = f"dvc_bench_lookup_{secrets.token_hex(4)}"
    with _admin_connection(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_database(url: str) -> None:
    from django.db import connections

    connections.close_all()
    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(opts: argparse.Namespace, env: dict) -> None:
    lookup_path, factor_body, procedure_name = prepare(env)
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
        env={**os.environ, **env},
        check=True,
    )
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
            str(opts.workers),
            "--no-access-log",
            "--blocking-threads",
            str(opts.threads),
            "lookup_wsgi:application",
        ],
        env={**os.environ, **env, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT / 'bench'}"},
    )
    try:
        wait_ready(port, server)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", lookup_path)
        body = conn.getresponse().read().decode()
        assert procedure_name in body, "the lookup did not show the dossier"
        conn.close()
        results = {"bare": [], "lookup": [], "form": [], "factor": []}
        # Short alternating rounds, so background load hits every view alike.
        for _ in range(opts.rounds):
            for name, path in (
                ("bare", "/bench/bare/"),
                ("lookup", lookup_path),
                ("form", "/tra-cuu/"),
                ("factor", ("POST", "/tra-cuu/", factor_body)),
            ):
                results[name].append(measure(port, path, opts.seconds, opts.clients))
    finally:
        server.terminate()
        server.wait(timeout=10)
    report(opts, results)


def report(opts: argparse.Namespace, results: dict[str, list[float]]) -> None:
    medians = {key: statistics.median(values) for key, values in results.items()}
    database = os.environ.get("DATABASE_URL", "sqlite").split("@")[-1].split("/")[0]
    print(
        f"database: {database}; cache: {opts.cache}; granian workers={opts.workers} "
        f"threads={opts.threads}; clients={opts.clients}; {opts.rounds} rounds of "
        f"{opts.seconds:g} s per view (medians)"
    )
    labels = {
        "bare": "bare view",
        "lookup": "dossier lookup (QR link)",
        "form": "lookup form page",
        "factor": "lookup, code + 4 digits (POST)",
    }
    for key, label in labels.items():
        runs = ", ".join(f"{r:.0f}" for r in results[key])
        pairs = zip(results[key], results["bare"], strict=True)
        share = 100 * statistics.median(v / b for v, b in pairs)
        ratio = "" if key == "bare" else f"  {share:5.1f} % of bare"
        print(f"{label:32s}{medians[key]:8.0f} req/s{ratio}  (rounds: {runs})")
    print("target: the lookup page >= 50 % of the bare view")


if __name__ == "__main__":
    main()
