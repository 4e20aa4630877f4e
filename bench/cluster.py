"""A multi-node portal on one machine: nginx in front of granian web nodes, task workers,
PostgreSQL, a Redis shared cache and one shared media folder (docs/DEPLOYMENT.md).

    make cluster                       # or: .venv/bin/python bench/cluster.py [--demo]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/cluster.py \
        --nodes 2 --workers 2 --port 8080

Everything it starts is its own: a fresh PostgreSQL database beside `DATABASE_URL` (dropped at
the end), a throwaway `redis-server` and nginx on free loopback ports, a temporary DATA_DIR
(the shared media folder every node and worker writes to). nginx runs the project's own
`deploy/nginx/dichvucong.conf`, so the cross-node tests (tests/cluster) test that file.
The same class serves the tests and the load benchmark (bench/load.py).
"""

import argparse
import contextlib
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "dichvucong.conf"
UNITS = ROOT / "deploy" / "systemd"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_parts() -> list[str]:
    """Name what this machine lacks to run a cluster (empty when it can)."""
    missing = [cmd for cmd in ("nginx", "redis-server") if not _which(cmd)]
    try:
        import redis  # noqa: F401
    except ImportError:
        missing.append('the Redis client (pip install "dichvucong[redis]")')
    return missing


def _which(cmd: str) -> str | None:
    return shutil.which(cmd) or next(
        (str(p) for p in (Path("/usr/sbin") / cmd, Path("/usr/bin") / cmd) if p.exists()), None
    )


def unit_command(unit: str, values: dict[str, str]) -> list[str]:
    """The ExecStart of a deploy/systemd unit, with its %-specifiers and ${VARS} filled in,
    run by this Python (the unit's /srv/dichvucong/.venv/bin/… is this checkout's venv)."""
    text = (UNITS / unit).read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("ExecStart="))
    for key, value in values.items():
        line = line.replace(key, value)
    program, *args = shlex.split(line.removeprefix("ExecStart="))
    if program.endswith("/granian"):
        return [sys.executable, "-m", "granian", *args]
    if args[:1] == ["manage.py"]:
        args[0] = str(ROOT / "manage.py")
    return [sys.executable, *args]


def _admin(url: str):
    import psycopg

    return psycopg.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")), autocommit=True)


def _wait_port(port: int, proc: subprocess.Popen, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {seconds:.0f} s")


class Cluster:
    """Start, inspect and stop the cluster; every process is a child of this one."""

    def __init__(
        self,
        *,
        nodes: int = 2,
        workers: int = 2,
        web_processes: int = 1,
        threads: int = 4,
        port: int | None = None,
        database_url: str | None = None,
        env: dict[str, str] | None = None,
        keep: bool = False,
    ):
        self.node_count, self.worker_count = nodes, workers
        self.web_processes, self.threads = web_processes, threads
        self.keep = keep
        base = database_url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        if not base.startswith("postgres"):
            raise RuntimeError("The cluster needs PostgreSQL: set DATABASE_URL=postgres://…")
        name = f"dvc_cluster_{secrets.token_hex(4)}"
        self.database_url = urlunsplit(urlsplit(base)._replace(path=f"/{name}"))
        self.dir = Path(tempfile.mkdtemp(prefix="dvc-cluster-"))
        self.data_dir = self.dir / "shared"  # the shared folder: media, static, demo CA
        self.lb_port = port or free_port()
        self.redis_port = free_port()
        self.node_ports = [free_port() for _ in range(nodes)]
        self.procs: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dichvucong.settings",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "bench")]),
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{self.lb_port}",
            "TRUSTED_PROXY_COUNT": "1",
            "LOG_LEVEL": "WARNING",
            "WORKER_HEARTBEAT_SECONDS": "2",
            # Production's choices, whatever the calling process (a test run) has set.
            "TASKS_BACKEND": "database",
            "DEMO_MODE": "0",
            "ESIGN_SIGNER": "demo",
            **(env or {}),
        }
        self.env.pop("DVC_TESTING", None)

    # --- addresses ---------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The load balancer's address: what citizens and officers use."""
        return f"http://127.0.0.1:{self.lb_port}"

    def node_url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.node_ports[n]}"

    @property
    def access_log(self) -> Path:
        return self.dir / "nginx" / "access.log"

    # --- life cycle --------------------------------------------------------------------------
    def start(self, *, demo: bool = False) -> "Cluster":
        try:
            self._start(demo)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, demo: bool) -> None:
        self.data_dir.mkdir(parents=True)
        with _admin(self.database_url) as conn:
            conn.execute(f'CREATE DATABASE "{urlsplit(self.database_url).path[1:]}"')
        self._spawn(
            "redis",
            [
                _which("redis-server"),
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        _wait_port(self.redis_port, self.procs["redis"], "redis-server")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("createcachetable", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        # The demo signing CA lives in the shared folder: made once, before any worker races.
        self.django("from dichvucong.esign.demo_ca import demo_ca; demo_ca()")
        if demo:
            self.django(
                "from dichvucong.demo.registry import run_demo_steps\n"
                "report = run_demo_steps()\n"
                "print('\\n'.join(report.lines))\n"
                "for l in report.logins: print(l.role, l.username, l.password)",
                show=True,
            )
        for n in range(self.node_count):
            self.start_node(n)
        for n in range(self.worker_count):
            values = {"%H": "cluster", "%i": str(n)}
            self._spawn(f"worker{n}", unit_command("dichvucong-worker@.service", values))
        self._start_nginx()

    def start_node(self, n: int) -> None:
        """Start (or start again) web node n and wait until it answers."""
        port = self.node_ports[n]
        values = {
            "%i": str(port),
            "${WEB_BIND}": "127.0.0.1",
            "${WEB_PROCESSES}": str(self.web_processes),
            "${WEB_THREADS}": str(self.threads),
        }
        cmd = [*unit_command("dichvucong-web@.service", values), "--log-level", "warning"]
        self._spawn(f"node{n}", cmd)
        _wait_port(port, self.procs[f"node{n}"], f"web node {n}")
        self._wait_healthy(self.node_url(n))

    def kill_node(self, n: int) -> None:
        """Kill web node n at once (SIGKILL to the node's whole process group)."""
        proc = self.procs.pop(f"node{n}")
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)

    def _start_nginx(self) -> None:
        conf_dir = self.dir / "nginx"
        conf_dir.mkdir()
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (conf_dir / sub).mkdir()
        upstreams = "\n".join(
            f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in self.node_ports
        )
        site = (
            NGINX_TEMPLATE.read_text(encoding="utf-8")
            .replace("@UPSTREAMS@", upstreams)
            .replace("@LISTEN@", f"127.0.0.1:{self.lb_port}")
            .replace("@ACCESS_LOG@", str(self.access_log))
        )
        (conf_dir / "dichvucong.conf").write_text(site, encoding="utf-8")
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "\n".join(
            f"    {kind}_temp_path {conf_dir / sub};"
            for kind, sub in (
                ("client_body", "body"),
                ("proxy", "proxy"),
                ("fastcgi", "fastcgi"),
                ("uwsgi", "uwsgi"),
                ("scgi", "scgi"),
            )
        )
        main = (
            f"{user}daemon off;\nworker_processes 1;\npid {conf_dir / 'nginx.pid'};\n"
            f"error_log {conf_dir / 'error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n{temp}\n    include {conf_dir / 'dichvucong.conf'};\n}}\n"
        )
        (conf_dir / "nginx.conf").write_text(main, encoding="utf-8")
        cmd = [_which("nginx"), "-p", str(conf_dir), "-e", str(conf_dir / "error.log")]
        self._spawn("nginx", [*cmd, "-c", str(conf_dir / "nginx.conf")])
        _wait_port(self.lb_port, self.procs["nginx"], "nginx")
        self._wait_healthy(self.url)

    def _wait_healthy(self, base: str, seconds: float = 60) -> None:
        import httpx

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/thu-tuc/", timeout=10).status_code == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{base} did not answer within {seconds:.0f} s")

    def _spawn(self, name: str, cmd: list[str]) -> None:
        log = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 (kept open for the child)
        self.procs[name] = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=log, stderr=log, start_new_session=True
        )
        log.close()

    def stop(self) -> None:
        """Stop every process (gracefully, then by force), drop the database and the folder."""
        for name, proc in reversed(list(self.procs.items())):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=15)
            del self.procs[name]
        if self.keep:
            return
        with contextlib.suppress(Exception), _admin(self.database_url) as conn:
            name = urlsplit(self.database_url).path[1:]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- inspecting --------------------------------------------------------------------------
    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def django(self, code: str, *, show: bool = False) -> str:
        """Run Python code with Django set up on the cluster's settings; return its output."""
        script = f"import django\ndjango.setup()\n{code}\n"
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            raise RuntimeError(f"cluster script failed:\n{done.stderr[-4000:]}")
        if show:
            print(done.stdout, end="")
        return done.stdout

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run one SQL statement on the cluster's database; return its rows."""
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True) as conn:
            cur = conn.execute(sql, params)
            return cur.fetchall() if cur.description else []

    def served_by(self, path_prefix: str) -> dict[str, int]:
        """Count the requests whose path starts with the prefix, by the node that answered."""
        counts: dict[str, int] = {}
        for line in self.access_log.read_text(encoding="utf-8").splitlines():
            request = line.split('"')[1] if '"' in line else ""
            if request.split(" ")[1:2] and request.split(" ")[1].startswith(path_prefix):
                node = line.rsplit("upstream=", 1)[-1].split(" ")[0]
                counts[node] = counts.get(node, 0) + 1
        return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="task workers")
    parser.add_argument("--web-processes", type=int, default=1, help="granian workers per node")
    parser.add_argument("--port", type=int, default=0, help="load balancer port (0: a free one)")
    parser.add_argument("--demo", action="store_true", help="load the demo province and logins")
    parser.add_argument("--keep", action="store_true", help="keep the database and folder")
    opts = parser.parse_args()
    missing = missing_parts()
    if missing:
        sys.exit("Cannot start the cluster, missing: " + ", ".join(missing))
    cluster = Cluster(
        nodes=opts.nodes,
        workers=opts.workers,
        web_processes=opts.web_processes,
        port=opts.port or None,
        keep=opts.keep,
        env={"DEMO_MODE": "1"} if opts.demo else None,
    )
    cluster.start(demo=opts.demo)
    try:
        print(f"Load balancer (nginx): {cluster.url}/")
        for n in range(opts.nodes):
            print(f"  web node {n}: {cluster.node_url(n)}/")
        print(f"  {opts.workers} task workers, Redis :{cluster.redis_port}, PostgreSQL database")
        print(f"  {urlsplit(cluster.database_url).path[1:]}, shared folder {cluster.data_dir}")
        print(json.dumps({"url": cluster.url, "logs": str(cluster.dir)}))
        print("Ctrl+C stops everything.", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            while all(p.poll() is None for p in cluster.procs.values()):
                time.sleep(1)
            for name, proc in cluster.procs.items():
                if proc.poll() is not None:
                    log = (cluster.dir / f"{name}.log").read_text(errors="replace")[-2000:]
                    print(f"{name} exited with {proc.returncode}:\n{log}", file=sys.stderr)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
