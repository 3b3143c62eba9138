"""Bounded load test on loopback: gunicorn (2 sync workers) with the production settings,
wrk against the directory, a directory search, an actor page (with its neighbourhood),
an event page, the site-wide search and /readyz (one query through the whole stack: the
ceiling). Reports requests/s, each as a share of the ceiling in the same run, median,
p95 and errors.

    python scripts/loadtest.py [--duration 60] [--connections 32] [--modes nocache,cache]
    SCALE=100000 python scripts/loadtest.py     # a state-wide portal

Mode "nocache" renders every page; "cache" turns on the Redis page cache (needs
Redis at REDIS_URL, default redis://127.0.0.1:6379/0). The data: the Ludwigsburg seed
plus SCALE demo actors (default 10,000) and twice as many events, in a database of its
own on DATABASE_URL's server (``ludwigsburg_bench``, the one of ``make bench``, for
10,000; ``ludwigsburg_scale_<SCALE>`` otherwise; LOADTEST_DATABASE names another), built
on the first run, analysed, and reused. Without DATABASE_URL: the embedded server.
Exit status 1 when any request failed or answered other than 2xx.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts import ops_harness

ROOT = ops_harness.ROOT
HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy would send it
CEILING = "ceiling (/readyz)"


def fetch(url: str) -> str:
    request = urllib.request.Request(url, headers=HTTPS)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def detail_paths(env: dict) -> tuple[str, str]:
    """Paths of a published actor that is a member of a network (its page draws a
    neighbourhood) and of one published event."""
    code = (
        "from actors.models import Actor; from events.models import Event; "
        "a = Actor.objects.published().filter(memberships__isnull=False).order_by('pk').first()"
        " or Actor.objects.published().order_by('pk').first(); "
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
    scale = int(os.environ.get("SCALE", 10_000))
    database = scaled_database(os.environ.get("DATABASE_URL", ""), scale)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    base_env = ops_harness.prod_env(
        database_url=database,
        static_root=workdir / "static",
        media_root=ROOT / "var" / "media",
        extra={
            "SECURE_SSL_REDIRECT": "true",
            "LOG_LEVEL": "WARNING",
            "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
        },
    )
    if not database:
        base_env.pop("DATABASE_URL")  # the embedded server
    # Migrations and data with the development settings (same database).
    dev_env = dict(base_env, DJANGO_SETTINGS_MODULE="ludwigsburg_portal.settings.dev")
    manage = [ops_harness.PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=dev_env, check=True)
    fill(manage, dev_env, scale)
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
                "directory search": f"/akteure/?q={args.search}",
                "actor": actor_path,
                "event": event_path,
                "site search": f"/suche/?q={args.search}",
                CEILING: "/readyz",
            }
            workers = env["GUNICORN_WORKERS"]
            print(
                f"\n== mode {mode}: {scale} demo actors, {args.connections} connections, "
                f"{args.duration}s per URL, gunicorn sync workers {workers}, "
                f"{os.cpu_count()} CPUs =="
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
            ceiling = results[CEILING]["rps"]
            print(
                f"{'page':<24}{'req/s':>9}{'× ceiling':>11}{'median ms':>11}{'p95 ms':>9}"
                f"{'errors':>8}  statuses"
            )
            for name, r in results.items():
                non_2xx = sum(n for code, n in r["statuses"].items() if not code.startswith("2"))
                errors = r["socket_errors"] + non_2xx
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


def scaled_database(url: str, scale: int) -> str:
    """DATABASE_URL with the load test's own database (created when missing)."""
    name = os.environ.get("LOADTEST_DATABASE") or (
        "ludwigsburg_bench" if scale == 10_000 else f"ludwigsburg_scale_{scale}"
    )
    if not url:
        return ""  # the embedded server: its own data directory
    parts = urllib.parse.urlsplit(url)
    import psycopg

    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(f'CREATE DATABASE "{name}"')  # name: letters, digits, _
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def fill(manage: list[str], env: dict, scale: int) -> None:
    """The seed plus ``scale`` demo actors and twice as many events, once (then reused)."""
    code = (
        "from actors.models import Actor; from events.models import Event; "
        "print(Actor.objects.filter(is_example=True).count(), "
        "Event.objects.filter(is_example=True).count())"
    )
    counts = subprocess.run(
        [*manage, "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    actors, events = (int(n) for n in counts.stdout.split()[-2:])
    missing_actors, missing_events = max(scale - actors, 0), max(2 * scale - events, 0)
    command = [*manage, "load_ludwigsburg"]
    if missing_actors or missing_events:
        print(f"Generating demo data up to {scale} actors, {2 * scale} events (once) …")
        command += ["--demo", str(missing_actors), "--demo-events", str(missing_events)]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    if missing_actors or missing_events:
        # Visibility map and statistics as autovacuum leaves them on a running server.
        vacuum = "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
        subprocess.run([*manage, "shell", "-c", vacuum], cwd=ROOT, env=env, check=True)


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
