"""Benchmark online submission: one submission's server-side time and peak memory, then
200 submissions fired at once from two processes against granian on loopback, then the peak
memory of decoding large images (a 160 KB PNG of 49 Mpx, alone and 8 at once; 8 PNGs of
24 Mpx, the largest decoded; 8 phone photos of 12 MP), each case in a fresh process.

    /work/main/.venv/bin/python bench/submission.py [--runs 12] [--concurrent 200]
    /work/main/.venv/bin/python bench/submission.py --decode-only

SQLite in a temporary directory by default; set DATABASE_URL to a THROWAWAY PostgreSQL database
to measure there (it is flushed). Results are printed and written to bench/results/.
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]
PHOTOS = ("photo-1.jpg", "photo-2.jpg")
PDF = "scan.pdf"


def bench_env(workdir: Path) -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    env.update(
        {
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnop",
            "DATA_DIR": str(workdir),
            "TASKS_BACKEND": "database",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "dichvucong.settings",
            "ALLOWED_HOSTS": "127.0.0.1",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "bench")]),
        }
    )
    return env


def run_worker(name: str, workdir: Path, *extra: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", name, "--dir", str(workdir), *extra],
        env=bench_env(workdir),
        check=False,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(f"worker {name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def rss_mb() -> float:
    """Return this process's peak resident memory (VmHWM; ru_maxrss survives exec on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_single(workdir: Path, runs: int) -> dict:
    """Time dossier_submit with two 12 MP photos and a 5 MB PDF, in a fresh process."""
    import uuid

    import django

    django.setup()
    from django.core.files import File

    from dichvucong.dossiers.services import dossier_submit
    from submission_data import catalog, citizen

    procedure, (photo_doc, pdf_doc) = catalog()
    data = {"full_name": "Nguyễn Văn Tải", "id_number": "001090000001", "copies": 1}
    baseline = rss_mb()
    times, cpu_times = [], []
    for n in range(runs):
        user = citizen(10_000 + n)
        handles = [open(workdir / name, "rb") for name in (*PHOTOS, PDF)]  # noqa: SIM115
        docs = (photo_doc, photo_doc, pdf_doc)
        files = [
            (doc, File(handle, name=Path(handle.name).name))
            for doc, handle in zip(docs, handles, strict=True)
        ]
        started, cpu = time.perf_counter(), time.process_time()
        dossier = dossier_submit(
            applicant=user,
            procedure=procedure,
            data=data,
            files=files,
            idempotency_key=uuid.uuid4(),
        )
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - cpu) * 1000)
        for handle in handles:
            handle.close()
        assert dossier.code
    return {
        "times_ms": [round(t, 1) for t in times],
        "rss_baseline_mb": round(baseline, 1),
        "cpu_ms": [round(t, 1) for t in cpu_times],
        "median_cpu_ms": round(statistics.median(cpu_times), 1),
        "rss_peak_mb": round(rss_mb(), 1),
    }


DECODE_CASES = {
    # case: (file, uploads at once)
    "png49": ("png-49mpx.png", 1),
    "png49x8": ("png-49mpx.png", 8),
    "png24x8": ("png-24mpx.png", 8),
    "jpeg12x8": (PHOTOS[0], 8),
}


def worker_decode(workdir: Path, case: str) -> dict:
    """Run the upload check on `count` copies of one file at once; report the peak memory."""
    import io

    import django

    django.setup()
    from dichvucong.dossiers.uploads import UploadRejected, check_upload

    name, count = DECODE_CASES[case]
    data = (workdir / name).read_bytes()
    baseline = rss_mb()
    go = threading.Event()

    def one(_n: int) -> str:
        go.wait()
        try:
            checked = check_upload(io.BytesIO(data), name=name, size=len(data))
        except UploadRejected as exc:
            return f"refused: {exc.message}"
        except Exception as exc:  # a 500 in the portal: counted, not raised
            return f"error: {exc!r}"
        return f"kept {checked.width}×{checked.height}"

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(one, n) for n in range(count)]
        go.set()
        outcomes = [f.result() for f in futures]
    return {
        "file_kb": round(len(data) / 1024),
        "uploads": count,
        "outcomes": sorted(set(outcomes)),
        "seconds": round(time.perf_counter() - started, 2),
        "rss_baseline_mb": round(baseline, 1),
        "rss_peak_mb": round(rss_mb(), 1),
        "added_mb": round(rss_mb() - baseline, 1),
    }


def decode_report(workdir: Path) -> dict:
    return {case: run_worker("decode", workdir, "--case", case) for case in DECODE_CASES}


def worker_setup(workdir: Path, count: int) -> dict:
    import django

    django.setup()
    from submission_data import ready_drafts

    photo = (workdir / "small.jpg").read_bytes()
    drafts = ready_drafts(count, photo)
    (workdir / "drafts.json").write_text(json.dumps(drafts))
    return {"drafts": len(drafts)}


def _submit_one(base: str, draft: int, session: str, go: threading.Event) -> dict:
    import httpx

    with httpx.Client(base_url=base, cookies={"sessionid": session}, timeout=120) as client:
        page = client.get(f"/ho-so-dang-soan/{draft}/xem-lai/").text
        key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        go.wait()
        started = time.perf_counter()
        response = client.post(
            f"/ho-so-dang-soan/{draft}/nop/",
            data={"idempotency_key": key, "csrfmiddlewaretoken": token},
            headers={"Referer": base},
        )
        elapsed = time.perf_counter() - started
        if response.status_code != 302:
            return {"error": response.status_code}
        done = client.get(response.headers["location"]).text
        code = re.search(r'id="dossier-code">([^<]+)<', done)
        return {"code": code.group(1) if code else None, "seconds": elapsed}


def worker_fire(workdir: Path, base: str, part: int, start_at: float) -> dict:
    drafts = json.loads((workdir / "drafts.json").read_text())[part::2]
    go = threading.Event()
    with ThreadPoolExecutor(max_workers=len(drafts)) as pool:
        futures = [pool.submit(_submit_one, base, d, s, go) for d, s in drafts]
        time.sleep(max(0.0, start_at - time.time()))
        go.set()
        results = [f.result() for f in futures]
    return {"results": results}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def concurrent(workdir: Path, count: int) -> dict:
    run_worker("setup", workdir, "--count", str(count))
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
            "2",
            "--blocking-threads",
            "8",
            "--no-ws",
            "--log-level",
            "warning",
            "dichvucong.wsgi:application",
        ],
        env=bench_env(workdir),
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "server.log", "wb"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base)
        start_at = time.time() + 8
        clients = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    "fire",
                    "--dir",
                    str(workdir),
                    "--base",
                    base,
                    "--part",
                    str(part),
                    "--start-at",
                    str(start_at),
                ],
                env=bench_env(workdir),
                stdout=subprocess.PIPE,
                text=True,
            )
            for part in (0, 1)
        ]
        results = []
        for client in clients:
            out, _ = client.communicate(timeout=600)
            if client.returncode:
                raise RuntimeError((workdir / "server.log").read_text()[-3000:])
            results += json.loads(out.strip().splitlines()[-1])["results"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    codes = [r.get("code") for r in results]
    seconds = sorted(r["seconds"] for r in results if "seconds" in r)
    return {
        "requests": len(results),
        "errors": sum(1 for r in results if "error" in r),
        "distinct_codes": len({c for c in codes if c}),
        "p50_s": round(statistics.median(seconds), 2) if seconds else None,
        "max_s": round(seconds[-1], 2) if seconds else None,
    }


def _wait_ready(base: str) -> None:
    import httpx

    for _ in range(100):
        try:
            # Any answer will do: /healthz says 503 here, as no task worker runs in this bench.
            httpx.get(f"{base}/healthz", timeout=2)
            return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("granian did not start")


def prepare(workdir: Path, *, database: bool = True) -> None:
    import io

    from PIL import Image

    from submission_data import five_mb_pdf, large_pngs, phone_photo

    for seed, name in enumerate(PHOTOS):
        phone_photo(workdir / name, seed=seed)
    five_mb_pdf(workdir / PDF)
    large_pngs(workdir)
    small = io.BytesIO()
    Image.open(workdir / PHOTOS[0]).resize((1000, 750)).save(small, "JPEG")
    (workdir / "small.jpg").write_bytes(small.getvalue())
    if not database:
        return
    env = bench_env(workdir)
    if not env["DATABASE_URL"].startswith("sqlite"):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "flush", "--no-input"], env=env, check=True
        )
    for command in (["migrate"], ["collectstatic", "--no-input"]):
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *command, "-v", "0"], env=env, check=True
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--concurrent", type=int, default=200)
    parser.add_argument("--worker")
    parser.add_argument("--dir")
    parser.add_argument("--count", type=int)
    parser.add_argument("--base")
    parser.add_argument("--part", type=int)
    parser.add_argument("--start-at", type=float)
    parser.add_argument("--case")
    parser.add_argument("--decode-only", action="store_true")
    args = parser.parse_args()
    if args.worker:
        workdir = Path(args.dir)
        result = {
            "single": lambda: worker_single(workdir, args.runs),
            "setup": lambda: worker_setup(workdir, args.count),
            "fire": lambda: worker_fire(workdir, args.base, args.part, args.start_at),
            "decode": lambda: worker_decode(workdir, args.case),
        }[args.worker]()
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory(prefix="dvc-bench-") as tmp:
        workdir = Path(tmp)
        prepare(workdir, database=not args.decode_only)
        if args.decode_only:
            report = {"decode": decode_report(workdir)}
            print(json.dumps(report, indent=2, ensure_ascii=False))
            return
        sizes = {n: round((workdir / n).stat().st_size / 1e6, 2) for n in (*PHOTOS, PDF)}
        single = run_worker("single", workdir, "--runs", str(args.runs))
        single["median_ms"] = round(statistics.median(single["times_ms"]), 1)
        report = {
            "files_mb": sizes,
            "single": single,
            "load_average": os.getloadavg()[0],
            "concurrent": concurrent(workdir, args.concurrent) if args.concurrent else None,
            "decode": decode_report(workdir),
        }
    print(json.dumps(report, indent=2, ensure_ascii=False))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "submission.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
