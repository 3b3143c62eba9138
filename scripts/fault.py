"""Fault test: restart PostgreSQL under load and measure how the portal copes.

    python scripts/fault.py [--load-seconds 30] [--down-seconds 3] [--clients 16]

Starts a private PostgreSQL (the embedded server's binaries, own data directory,
127.0.0.1:8118 — never the shared server), loads the Ludwigsburg data, starts
gunicorn with the production settings (page cache off, so every request needs the
database) and runs a load of --clients parallel visitors against directory, search,
actor, event and /healthz/db. After a third of the time PostgreSQL is stopped
(fast shutdown: open connections are cut), kept down --down-seconds, and started.

Reports the answers by status, how fast requests failed while the database was
down, and how long after PostgreSQL was back the portal served again.
Exit status 1 on any 500 or a recovery slower than --max-recovery seconds.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import ops_harness

ROOT = ops_harness.ROOT


class Load:
    """Visitors in threads; every answer is recorded with its start and end time."""

    def __init__(self, port: int, paths: list[str], clients: int):
        self.port, self.paths, self.clients = port, paths, clients
        self.results: list[tuple[float, float, str]] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def visitor(self, offset: int) -> None:
        n = offset
        while not self.stop.is_set():
            path = self.paths[n % len(self.paths)]
            n += 1
            started = time.monotonic()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
                conn.request("GET", path, headers={"X-Forwarded-Proto": "https"})
                response = conn.getresponse()
                response.read()
                outcome = str(response.status)
                conn.close()
            except (OSError, http.client.HTTPException) as exc:
                outcome = type(exc).__name__
            with self.lock:
                self.results.append((started, time.monotonic(), outcome))

    def __enter__(self):
        self.threads = [
            threading.Thread(target=self.visitor, args=(i,), daemon=True)
            for i in range(self.clients)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load-seconds", type=float, default=30)
    parser.add_argument("--down-seconds", type=float, default=3)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--pg-port", type=int, default=8118)
    parser.add_argument("--port", type=int, default=8112)
    parser.add_argument("--max-recovery", type=float, default=5.0)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="portal-fault-"))
    workdir.chmod(0o755)  # the server runs as the user postgres when we are root
    pg = ops_harness.PrivatePostgres(data_dir=workdir / "pg", port=args.pg_port)
    server = None
    try:
        pg.init()
        pg.start()
        pg.create_database("portal")
        env = ops_harness.prod_env(
            database_url=pg.url("portal"),
            static_root=workdir / "static",
            media_root=workdir / "media",
            extra={"PAGE_CACHE_SECONDS": "0", "REDIS_URL": ""},
        )
        dev_env = dict(env, DJANGO_SETTINGS_MODULE="ludwigsburg_portal.settings.dev")
        manage = [ops_harness.PYTHON, "manage.py"]
        print("Preparing a private PostgreSQL on port", args.pg_port, "…", flush=True)
        subprocess.run(
            [*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=dev_env, check=True
        )
        subprocess.run(
            [*manage, "load_ludwigsburg", "--demo", "20"],
            cwd=ROOT,
            env=dev_env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ops_harness.collectstatic(env)
        from scripts.loadtest import detail_paths

        actor, event = detail_paths(dev_env)
        paths = ["/akteure/", "/akteure/?q=Welt", actor, event, "/healthz/db"]
        server = ops_harness.start_gunicorn(port=args.port, env=env, log=workdir / "gunicorn.log")

        with Load(args.port, paths, args.clients) as load:
            time.sleep(args.load_seconds / 3)
            down_at = time.monotonic()
            pg.stop("fast")
            stopped_at = time.monotonic()
            time.sleep(args.down_seconds)
            pg.start()
            while not pg.is_ready():
                time.sleep(0.05)
            up_at = time.monotonic()
            time.sleep(max(args.load_seconds * 2 / 3 - args.down_seconds, 10))
        results = sorted(load.results)
    finally:
        if server is not None:
            server.stop()
        pg.stop("fast")
        shutil.rmtree(workdir, ignore_errors=True)

    statuses = Counter(outcome for _, _, outcome in results)
    failures_after_up = [end for start, end, outcome in results if outcome != "200" and end > up_at]
    recovery = max(failures_after_up) - up_at if failures_after_up else 0.0
    first_success = min(
        (end for start, end, outcome in results if outcome == "200" and start >= up_at),
        default=float("nan"),
    )
    outage = [
        (end - start, outcome) for start, end, outcome in results if down_at <= start <= up_at
    ]
    outage_latencies = [duration for duration, _ in outage]
    print(
        f"\nrequests: {len(results)} in {results[-1][1] - results[0][0]:.1f}s, "
        f"{args.clients} parallel visitors, paths {paths}"
    )
    print(f"answers by status: {dict(sorted(statuses.items()))}")
    print(
        f"PostgreSQL stopped in {stopped_at - down_at:.2f}s, down for "
        f"{up_at - down_at:.2f}s until ready again"
    )
    if outage_latencies:
        print(
            f"during the outage: {len(outage)} requests, "
            f"{dict(Counter(outcome for _, outcome in outage))}, "
            f"median {statistics.median(outage_latencies) * 1000:.0f} ms, "
            f"max {max(outage_latencies) * 1000:.0f} ms"
        )
    print(
        f"first request started after PostgreSQL was back: 200 after "
        f"{first_success - up_at:.2f}s; last failure ended {recovery:.2f}s after it was back "
        f"(recovery limit {args.max_recovery:.0f}s)"
    )
    errors_500 = statuses.get("500", 0)
    other = sum(n for outcome, n in statuses.items() if outcome not in {"200", "503"})
    ok = errors_500 == 0 and other == 0 and recovery <= args.max_recovery
    print(f"500 responses: {errors_500}; other failures (not 200/503): {other}")
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
