"""Bounded load test on loopback: gunicorn with the production settings, wrk against
the directory, a search, an actor page, an event page and /healthz/db (one query
through the whole stack: the ceiling). Reports requests/s, median, p95, errors.

    python scripts/loadtest.py [--duration 60] [--connections 32] [--modes nocache,cache]

Mode "nocache" renders every page; "cache" turns on the Redis page cache (needs
Redis at REDIS_URL, default redis://127.0.0.1:6379/0). The database is DATABASE_URL
or the embedded one; the Ludwigsburg data and 50 demo actors are loaded first.
Exit status 1 when any request failed or answered neither 2xx nor 3xx.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import ops_harness

ROOT = ops_harness.ROOT
HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy would send it


def fetch(url: str) -> str:
    request = urllib.request.Request(url, headers=HTTPS)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def detail_paths(env: dict) -> tuple[str, str]:
    """Paths of one published actor and one published upcoming-or-past event."""
    code = (
        "from actors.models import Actor; from events.models import Event; "
        "a = Actor.objects.published().order_by('pk').first(); "
        "e = Event.objects.published().order_by('pk').first(); "
        "print(a.get_absolute_url()); print(e.get_absolute_url())"
    )
    result = subprocess.run(
        [ops_harness.PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    actor, event = result.stdout.split()[-2:]
    return actor, event


def run_wrk(url: str, *, duration: int, connections: int, threads: int) -> dict:
    result = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "scripts" / "wrk_report.lua"),
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 60)))
    parser.add_argument("--connections", type=int, default=int(os.environ.get("CONNECTIONS", 32)))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOADTEST_PORT", 8111)))
    parser.add_argument("--modes", default=os.environ.get("LOADTEST_MODES", "nocache,cache"))
    parser.add_argument("--search", default="Welt")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: scripts/install-ops-tools.sh")

    workdir = ROOT / "var" / "loadtest"
    workdir.mkdir(parents=True, exist_ok=True)
    database = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    base_env = ops_harness.prod_env(
        database_url=database,
        static_root=workdir / "static",
        media_root=ROOT / "var" / "media",
        extra={"SECURE_SSL_REDIRECT": "true", "LOG_LEVEL": "WARNING"},
    )
    if not database:
        base_env.pop("DATABASE_URL")  # the embedded server
    # Migrations and data with the development settings (same database).
    dev_env = dict(base_env, DJANGO_SETTINGS_MODULE="ludwigsburg_portal.settings.dev")
    manage = [ops_harness.PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=dev_env, check=True)
    subprocess.run(
        [*manage, "load_ludwigsburg", "--demo", "50"],
        cwd=ROOT,
        env=dev_env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    ops_harness.collectstatic(base_env)
    actor_path, event_path = detail_paths(dev_env)

    failed = False
    for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
        env = dict(base_env)
        if mode == "cache":
            env.update(
                {
                    "REDIS_URL": redis_url,
                    "CACHE_KEY_PREFIX": "loadtest",
                    "PAGE_CACHE_SECONDS": "300",
                }
            )
        else:
            env["PAGE_CACHE_SECONDS"] = "0"
        server = ops_harness.start_gunicorn(
            port=args.port, env=env, log=workdir / f"gunicorn-{mode}.log"
        )
        try:
            base = f"http://127.0.0.1:{args.port}"
            targets = {
                "directory": "/akteure/",
                "search": f"/akteure/?q={args.search}",
                "actor": actor_path,
                "event": event_path,
                "ceiling (/healthz/db)": "/healthz/db",
            }
            workers = env.get("GUNICORN_WORKERS") or f"{os.cpu_count() * 2 + 1} (2×CPU+1)"
            print(
                f"\n== mode {mode}: {args.connections} connections, {args.duration}s per URL, "
                f"gunicorn sync workers {workers}, {os.cpu_count()} CPUs =="
            )
            results = {}
            for name, path in targets.items():
                fetch(base + path)  # warm up (and fill the page cache)
                results[name] = run_wrk(
                    base + path,
                    duration=args.duration,
                    connections=args.connections,
                    threads=args.threads,
                )
            ceiling = results["ceiling (/healthz/db)"]["rps"]
            print(
                f"{'page':<24}{'req/s':>9}{'× ceiling':>11}{'median ms':>11}{'p95 ms':>9}"
                f"{'errors':>8}  statuses"
            )
            for name, r in results.items():
                errors = r["socket_errors"] + r["non_2xx_3xx"]
                failed |= errors > 0
                print(
                    f"{name:<24}{r['rps']:>9.1f}{r['rps'] / ceiling:>11.2f}{r['p50_ms']:>11.1f}"
                    f"{r['p95_ms']:>9.1f}{errors:>8}  {r['statuses']}  ({targets[name]})"
                )
            (workdir / f"results-{mode}.json").write_text(
                json.dumps({"targets": targets, "results": results}, indent=2)
            )
        finally:
            server.stop()
            if mode == "cache":
                forget_cache_keys(redis_url, "loadtest")
    return 1 if failed else 0


def forget_cache_keys(redis_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
    except redis.RedisError:
        pass
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
