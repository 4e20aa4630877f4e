"""Load test: the portal's traffic mix with locust against one node or the cluster (loopback).

    .venv/bin/python bench/load.py --nodes 1 --web-processes 4 --users 40 --seconds 60
    .venv/bin/python bench/load.py --nodes 2 --web-processes 2 --workers 2 --users 40 --seconds 60
    (add --inbox-dossiers 1000000 for the officer inbox at a million dossiers)

It starts bench/cluster.py's cluster (nginx in front of the nodes, PostgreSQL, Redis, task
workers), loads the demo catalog, the big dossier table (bench/inbox.py's loader), citizens and
officers, then runs locust headless for a bounded time and number of users
(bench/locustfile.py) and prints requests per second, p50/p95/p99 and errors per request type,
and the dossiers per hour submitted. Exits 1 when a p95 bound is missed (page views ≤ 500 ms,
submissions ≤ 2 s) or a request failed. Results go to bench/results/load-<nodes>.json.

Mix (docs/PERFORMANCE.md): Bình Thuận had 1,931 dossiers in April 2025, 753 of them online
(39 %), about 90 a working day. For each online submission the mix sends about 4 visitor
sessions (catalog browsing and search, public lookups) and one officer session per 3 citizens.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from cluster import Cluster, missing_parts  # noqa: E402

MIX = {"visitor": 12, "citizen": 3, "officer": 1}
# Where the web nodes' CPU goes (py-spy samples): the first match in a sampled stack names it.
CATEGORIES = (
    ("Argon2 password hashing (login)", ("argon2",)),
    ("photo checks: decode, turn, re-encode, blur (Pillow)", ("PIL/", "pillow_heif")),
    ("PDF checks (pypdf)", ("pypdf/",)),
    ("PDF signing (pyHanko, cryptography)", ("pyhanko/", "cryptography/")),
    ("PDF rendering (fpdf2)", ("fpdf/",)),
    ("PostgreSQL client (psycopg)", ("psycopg/",)),
    ("Redis client", ("redis/",)),
    ("upload parsing (multipart)", ("multipartparser", "uploadhandler")),
    ("template rendering", ("django/template/",)),
)
PAGE_P95_MS, SUBMIT_P95_MS = 500, 2000

SEED = """
import json, secrets
from pathlib import Path
from django.core.management import call_command
from django.db import connection
import inbox
from cluster_data import PASSWORD, password_citizen
from submission_data import catalog, citizen, session_for
from dichvucong.accounts.models import StaffRole, User
from dichvucong.catalog.models import Procedure
from dichvucong.tracking.tests.factories import make_dossier

call_command("load_demo", verbosity=0)
officer, agencies, _ = inbox.seed_catalog()
seconds = inbox.seed_dossiers({rows}, agencies, list(Procedure.objects.order_by("pk")))
procedure, docs = catalog()
procedure.agencies.set([agencies[0]])
StaffRole.objects.filter(user=officer).exclude(role="counter").delete()
officers = [session_for(officer) for _ in range(8)]
citizens = [password_citizen(n).id_number for n in range({citizens})]
lookups = []
for n in range(20):
    d = make_dossier(applicant=citizen(90_000 + n), procedure=procedure, agency=agencies[0])
    lookups.append((d.code, d.applicant_phone))
codes = list(Procedure.objects.filter(accepts_online=True).values_list("code", flat=True)[:200])
print(json.dumps({{
    "inbox_load_seconds": seconds,
    "procedures": codes,
    "submit_procedure": procedure.code,
    "docs": [d.pk for d in docs],
    "officer_sessions": officers,
    "citizens": citizens,
    "password": PASSWORD,
    "lookups": lookups,
}}))
"""


def make_files(workdir: Path) -> dict[str, str]:
    from submission_data import five_mb_pdf, phone_photo

    files = {}
    for n in (1, 2):
        path = workdir / f"anh-{n}.jpg"
        phone_photo(path, seed=n)
        files[path.name] = str(path)
    pdf = workdir / "ban-scan.pdf"
    five_mb_pdf(pdf)
    files[pdf.name] = str(pdf)
    return files


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def report(rows: list[dict], seconds: float) -> tuple[dict, bool]:
    table, ok = {}, True
    print(f"\n{'request':<26}{'count':>7}{'fail':>6}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}")
    for row in rows:
        name = row["Name"]
        entry = {
            "count": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": round(float(row["Requests/s"]), 2),
            "p50_ms": float(row["50%"] or 0),
            "p95_ms": float(row["95%"] or 0),
            "p99_ms": float(row["99%"] or 0),
        }
        table[name] = entry
        print(
            f"{name[:25]:<26}{entry['count']:>7}{entry['failures']:>6}{entry['rps']:>8}"
            f"{entry['p50_ms']:>8.0f}{entry['p95_ms']:>8.0f}{entry['p99_ms']:>8.0f}"
        )
        if name == "Aggregated":
            continue
        bound = SUBMIT_P95_MS if name == "submit" else PAGE_P95_MS
        if name.startswith(("page:", "submit")) and entry["p95_ms"] > bound:
            ok = False
    submitted = table.get("submit", {}).get("count", 0) - table.get("submit", {}).get("failures", 0)
    per_hour = round(submitted / seconds * 3600)
    print(f"\nsubmitted dossiers: {submitted} in {seconds:.0f} s = {per_hour:,} per hour")
    failures = table.get("Aggregated", {}).get("failures", 0)
    return {"requests": table, "submitted": submitted, "dossiers_per_hour": per_hour}, (
        ok and failures == 0
    )


ROLES = {
    "node": "web nodes (granian)",
    "worker": "task workers",
    "nginx": "nginx",
    "redis": "Redis",
}


PENDING_TASKS = """
SELECT count(*) FROM django_tasks_database_dbtaskresult
WHERE status IN ('READY', 'RUNNING')
  AND (run_after < now() + interval '1 minute' OR run_after > now() + interval '1000 years')
"""


def wait_for_tasks(cluster: Cluster, seconds: float = 300) -> int:
    """Wait until the workers have run every task that is due (the seed's); return the rest."""
    deadline = time.monotonic() + seconds
    while (left := cluster.query(PENDING_TASKS)[0][0]) and time.monotonic() < deadline:
        time.sleep(1)
    return left


def cpu_seconds(cluster: Cluster, locust_pid: int | None = None) -> dict[str, float]:
    """CPU time (user + system) used so far by each part of the cluster, in seconds.

    Every cluster process leads its own session (bench/cluster.py), so a process's session
    names its part; PostgreSQL's backends are found by name (the shared server).
    """
    import psutil

    sessions = {proc.pid: ROLES[name.rstrip("0123456789")] for name, proc in cluster.procs.items()}
    if locust_pid:
        sessions[locust_pid] = "locust (the load itself)"
    totals: dict[str, float] = {}
    for process in psutil.process_iter(["name"]):
        try:
            role = (
                "PostgreSQL"
                if (process.info["name"] or "").startswith("postgres")
                else sessions.get(os.getsid(process.pid))
            )
            if role:
                times = process.cpu_times()
                totals[role] = totals.get(role, 0.0) + times.user + times.system
        except (psutil.Error, ProcessLookupError):
            continue
    return totals


def cpu_report(before: dict, after: dict, seconds: float, submitted: int) -> dict[str, dict]:
    """Print and return each part's share of the machine and its CPU per submitted dossier."""
    cores = os.cpu_count() or 1
    print(f"\nCPU used during the run ({cores} cores × {seconds:.0f} s = {cores * seconds:.0f} s):")
    table = {}
    for role in sorted(after, key=lambda r: -(after[r] - before.get(r, 0.0))):
        used = after[role] - before.get(role, 0.0)
        per = used / submitted * 1000 if submitted else 0.0
        table[role] = {"cpu_seconds": round(used, 1), "per_dossier_ms": round(per)}
        share = 100 * used / (cores * seconds)
        print(f"  {used:6.1f} s  {share:5.1f} %  {per:6.0f} ms/dossier  {role}")
    return table


def start_profile(cluster: Cluster, seconds: int, part: str) -> list[tuple[str, subprocess.Popen]]:
    """Sample every process of a part ("node", "worker") and its children with py-spy."""
    spy = Path(sys.executable).with_name("py-spy")
    if not spy.exists():
        sys.exit('--profile needs py-spy: pip install "dichvucong[bench]"')
    runs = []
    for name, proc in cluster.procs.items():
        if name.startswith(part):
            out = cluster.dir / f"profile-{name}.txt"
            cmd = [str(spy), "record", "--pid", str(proc.pid), "--subprocesses", "--nonblocking"]
            cmd += ["--rate", "50", "--duration", str(seconds), "--format", "raw", "-o", str(out)]
            runs.append((str(out), subprocess.Popen(cmd, stdout=subprocess.DEVNULL)))
    return runs


def summarise_profile(runs: list[tuple[str, subprocess.Popen]], title: str) -> dict[str, float]:
    """Share of the sampled busy time per category, in per cent (collapsed py-spy stacks)."""
    counts: dict[str, int] = {}
    views: dict[str, int] = {}  # the innermost project frame of every busy sample
    queries: dict[str, int] = {}  # the same, for the samples inside the PostgreSQL client
    for path, proc in runs:
        proc.wait(timeout=120)
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            stack, _, number = line.rpartition(" ")
            category = next(
                (name for name, marks in CATEGORIES if any(m in stack for m in marks)),
                "other Python (Django, views, middleware, granian)",
            )
            counts[category] = counts.get(category, 0) + int(number)
            ours = [f for f in stack.split(";") if "dichvucong/" in f]
            if ours:
                frame = ours[-1].split(" (")[0] + " (" + ours[-1].rsplit("dichvucong/", 1)[-1]
                views[frame] = views.get(frame, 0) + int(number)
                if category.startswith("PostgreSQL"):
                    queries[frame] = queries.get(frame, 0) + int(number)
    total = sum(counts.values()) or 1
    shares = {k: round(100 * v / total, 1) for k, v in sorted(counts.items(), key=lambda x: -x[1])}
    print(f"\n{title}' busy CPU samples (py-spy):")
    for name, share in shares.items():
        print(f"  {share:5.1f} %  {name}")
    print("innermost project functions in the busy samples:")
    for frame, count in sorted(views.items(), key=lambda x: -x[1])[:8]:
        print(f"  {100 * count / total:5.1f} %  {frame}")
    print("where the PostgreSQL client's samples come from:")
    for frame, count in sorted(queries.items(), key=lambda x: -x[1])[:10]:
        print(f"  {100 * count / total:5.1f} %  {frame}")
    return shares


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1)
    parser.add_argument("--web-processes", type=int, default=4, help="granian workers per node")
    parser.add_argument("--threads", type=int, default=2, help="granian threads per worker")
    parser.add_argument("--workers", type=int, default=1, help="task workers")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--citizens", type=int, default=40, help="citizen accounts")
    parser.add_argument("--inbox-dossiers", type=int, default=100_000)
    parser.add_argument(
        "--only", nargs="+", choices=["Visitor", "Citizen", "Officer"], help="these users only"
    )
    parser.add_argument("--profile", action="store_true", help="sample nodes and workers (py-spy)")
    opts = parser.parse_args()
    missing = missing_parts()
    if missing:
        sys.exit("Cannot start the cluster, missing: " + ", ".join(missing))
    started = time.monotonic()
    with Cluster(
        nodes=opts.nodes,
        workers=opts.workers,
        web_processes=opts.web_processes,
        threads=opts.threads,
        env={"LOOKUP_RATE_LIMIT": str(10**6)},
    ) as cluster:
        out = cluster.django(SEED.format(rows=opts.inbox_dossiers, citizens=opts.citizens))
        seed = json.loads(out.strip().splitlines()[-1])
        seed["mix"] = MIX
        seed["files"] = make_files(cluster.dir)
        names = list(seed["files"])
        seed["uploads"] = [(names[0], seed["docs"][0]), (names[1], seed["docs"][0])]
        seed["uploads"].append((names[2], seed["docs"][1]))
        seed["answers"] = {"full_name": "Trần Thị Cụm", "id_number": "", "copies": 1}
        seed_path = cluster.dir / "seed.json"
        seed_path.write_text(json.dumps(seed), encoding="utf-8")
        print(
            f"cluster ready in {time.monotonic() - started:.0f} s "
            f"({opts.inbox_dossiers:,} dossiers loaded in {seed['inbox_load_seconds']:.0f} s)"
        )
        wait_for_tasks(cluster)  # the seed's receipts and messages are not the load's work
        prefix = cluster.dir / "locust"
        load_before = os.getloadavg()[0]
        locust = [sys.executable, "-m", "locust", "-f", str(BENCH / "locustfile.py")]
        locust += ["--headless", "-u", str(opts.users), "-r", str(opts.spawn_rate)]
        locust += ["-t", f"{opts.seconds}s", "--host", cluster.url, "--csv", str(prefix)]
        locust += ["--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"]
        locust += opts.only or []
        parts = {"node": "web nodes", "worker": "task workers"} if opts.profile else {}
        profiles = {part: start_profile(cluster, opts.seconds, part) for part in parts}
        run = subprocess.Popen(
            locust, env={**os.environ, "LOAD_SEED": str(seed_path)}, start_new_session=True
        )
        before, began = cpu_seconds(cluster, run.pid), time.monotonic()
        last = before
        while run.poll() is None:  # the load's own CPU is read while it still runs
            last = cpu_seconds(cluster, run.pid)
            time.sleep(1)
        elapsed = time.monotonic() - began
        backlog = cluster.query(PENDING_TASKS)[0][0]
        results, ok = report(read_stats(prefix), opts.seconds)
        results["cpu"] = cpu_report(before, last, elapsed, results["submitted"])
        results["tasks_waiting_at_the_end"] = backlog
        print(f"tasks still waiting for a worker when the load stopped: {backlog}")
        for part, runs in profiles.items():
            results[f"profile_{part}"] = summarise_profile(runs, parts[part])
        results.update(
            nodes=opts.nodes,
            web_processes=opts.web_processes,
            users=opts.users,
            seconds=opts.seconds,
            inbox_dossiers=opts.inbox_dossiers,
            load_average_before=round(load_before, 1),
            load_average_after=round(os.getloadavg()[0], 1),
        )
        out_dir = BENCH / "results"
        out_dir.mkdir(exist_ok=True)
        (out_dir / f"load-{opts.nodes}.json").write_text(json.dumps(results, indent=2))
    print(
        f"load average before/after: {results['load_average_before']} / "
        f"{results['load_average_after']} on {os.cpu_count()} CPUs"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
