"""``make bench``: server time of the public pages at 10,000 actors and 20,000 events.

Runs against its OWN database (``ludwigsburg_bench`` by default, on the server that
DATABASE_URL names, or in the embedded PostgreSQL without it), so development data is
never touched. The first run migrates it and fills it with the Ludwigsburg seed plus
demo data (a minute or two); later runs reuse it.

Each page is requested through Django's test client (the full middleware stack,
view and template, no network and no page cache) and the wall time per request is
reported as median and 95th percentile in milliseconds, next to the mean CPU time
(this process plus its PostgreSQL backend), which other load on the machine does
not inflate.
"""

import logging
import os
import random
import re
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.test import Client, override_settings

ACTORS = 10_000
EVENTS = 20_000
SEARCH_TERMS = ["Schulen", "Fair", "Klima", "Wasser Ludwigsburg", "Bildung", "Weltladen", "Kaffee"]
# Server-time targets (median, ms) of the public pages on the project's 2-core machines.
TARGETS = {
    "directory": 30,
    "directory search": 30,
    "actor page": 20,
    # With a warm picture cache (the cold layout is timed separately).
    "network": 50,
    "network filtered": 50,
    "actor neighbourhood": 50,
    "world map": 50,
}
# A network of the seed that the demo actors join: its picture is drawn in full.
BENCH_NETWORK = "vernetzung-eine-welt-akteure-ludwigsburg"
PAGE_WEIGHT_LIMIT_KB = 150


class Command(BaseCommand):
    help = "Fill a separate benchmark database once and time the public pages."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="ludwigsburg_bench", help="database name")
        parser.add_argument("--requests", type=int, default=60, help="requests per page")
        parser.add_argument(
            "--check", action="store_true", help="exit with an error when a target is missed"
        )

    def handle(self, *, database, requests, check, **options):
        if not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", database):
            raise CommandError("--database: lower-case letters, digits and _ only")
        use_database(database)
        self.stdout.write(f"Benchmark database: {database} ({connection.vendor})")
        call_command("migrate", verbosity=0, interactive=False)
        self.fill()
        self.cold_layout()
        results = self.measure(requests)
        weight = self.page_weight()
        missed = [
            f"{name}: median {results[name][0]:.1f} ms > {limit} ms"
            for name, limit in TARGETS.items()
            if results[name][0] > limit
        ]
        if weight > PAGE_WEIGHT_LIMIT_KB:
            missed.append(f"world map: {weight:.0f} KB > {PAGE_WEIGHT_LIMIT_KB} KB compressed")
        if missed:
            self.stdout.write(self.style.WARNING("Targets missed: " + "; ".join(missed)))
            if check:
                raise CommandError("benchmark targets missed")
        else:
            self.stdout.write(self.style.SUCCESS("All targets met."))

    def fill(self):
        from actors.models import Actor
        from events.models import Event
        from seeding.demo import generate_demo
        from seeding.seed import load_ludwigsburg

        load_ludwigsburg()
        actors = Actor.objects.filter(is_example=True).count()
        events = Event.objects.filter(is_example=True).count()
        if actors < ACTORS or events < EVENTS:
            self.stdout.write(
                f"Generating demo data ({ACTORS} actors, {EVENTS} events); this runs once …"
            )
            started = time.perf_counter()
            generate_demo(actors=max(ACTORS - actors, 0), events=max(EVENTS - events, 0))
            with connection.cursor() as cursor:
                # Fresh statistics and visibility map, as autovacuum would leave them on a
                # running server (index-only scans for the counts).
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write(f"  done in {time.perf_counter() - started:.0f} s")
        self.stdout.write(
            f"Data: {Actor.objects.count()} actors ({Actor.objects.published().count()} "
            f"published), {Event.objects.count()} events"
        )

    def measure(self, requests: int) -> dict[str, tuple[float, float]]:
        from django.urls import reverse

        from actors.models import Actor

        rng = random.Random(3)
        slugs = list(
            Actor.objects.published().filter(is_example=True).values_list("slug", flat=True)[:2000]
        )
        # Actors in a network, so their pages draw a neighbourhood; few enough that the
        # warm-up fills the picture cache for each of them.
        neighbourhood_slugs = list(
            Actor.objects.published()
            .filter(memberships__network__slug=BENCH_NETWORK)
            .order_by("pk")
            .values_list("slug", flat=True)[:5]
        )
        directory = reverse("actors:list")
        pages = {
            "home": lambda: reverse("pages:home"),
            "directory": lambda: directory + rng.choice(["", "", "?page=2", "?page=37"]),
            "directory search": lambda: directory + "?q=" + rng.choice(SEARCH_TERMS),
            "actor page": lambda: reverse("actors:detail", kwargs={"slug": rng.choice(slugs)}),
            "event list": lambda: reverse("events:list"),
            "network": lambda: reverse("atlas:network"),
            "network filtered": lambda: reverse("atlas:network") + f"?netzwerk={BENCH_NETWORK}",
            "actor neighbourhood": lambda: reverse(
                "actors:detail", kwargs={"slug": rng.choice(neighbourhood_slugs)}
            ),
            "world map": lambda: reverse("atlas:world_map"),
        }
        client = Client()
        results = {}
        header = (
            f"{'page':<18}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
            f"{'CPU ms':>8}{'SQL':>5}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        # No page cache (we time rendering, not Redis) and no access log lines per request.
        with override_settings(PAGE_CACHE_SECONDS=0), _quiet_logging():
            for name, url in pages.items():
                for _ in range(10):  # warm up: connections, template, URL and picture caches
                    _get(client, url())
                queries = _QueryCounter()
                with connection.execute_wrapper(queries):
                    _get(client, url())
                timings = []
                cpu_before = _cpu_seconds()
                for _ in range(requests):
                    target = url()
                    started = time.perf_counter()
                    _get(client, target)
                    timings.append((time.perf_counter() - started) * 1000)
                cpu = (_cpu_seconds() - cpu_before) * 1000 / requests
                median = statistics.median(timings)
                p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
                results[name] = (median, p95)
                self.stdout.write(
                    f"{name:<18}{requests:>9}{median:>11.1f}{p95:>9.1f}{max(timings):>9.1f}"
                    f"{cpu:>8.1f}{len(queries):>5}"
                )
            self.stdout.write("First visit after a write (the per-process memory empty):")
            for name, url in pages.items():
                self.stdout.write(first_visit_row(client, name, url, requests, width=18))
        self.stdout.write(
            "CPU ms: mean CPU time per request of this process plus its PostgreSQL backend;\n"
            "unlike wall time it does not grow when other programs compete for the cores.\n"
            "The rows above the first-visit table are the steady state: what changes only on\n"
            "writes is remembered per data version (ludwigsburg_portal/versioned.py).\n"
            f"Load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        return results

    def cold_layout(self) -> None:
        """The network pictures with an empty cache: building, layout and drawing, each timed."""
        from django.core.cache import cache

        from actors.models import Actor
        from atlas import graph as graphs
        from atlas.layout import force_positions
        from atlas.pictures import render_graph

        self.stdout.write("Network pictures, cold (no cached layout):")
        cache.clear()
        cases = {
            "network": (Actor.objects.published(), True),
            "network filtered": (
                Actor.objects.published().current_members_of(BENCH_NETWORK),
                False,
            ),
        }
        for name, (actors, overview) in cases.items():
            started = time.perf_counter()
            graph = graphs.filtered_graph(actors, overview_allowed=overview)
            built = time.perf_counter()
            positions = force_positions(graph)
            laid_out = time.perf_counter()
            for key, (x, y) in positions.items():
                graph.nodes[key].x, graph.nodes[key].y = x, y
            render_graph(graph)
            drawn = time.perf_counter()
            self.stdout.write(
                f"  {name:<17} {graph.mode:<9} {len(graph.nodes):>4} nodes {len(graph.edges):>4} "
                f"edges: graph {(built - started) * 1000:.0f} ms, layout "
                f"{(laid_out - built) * 1000:.0f} ms, drawing {(drawn - laid_out) * 1000:.0f} ms"
            )
        client = Client()
        with override_settings(PAGE_CACHE_SECONDS=0), _quiet_logging():
            for name, url in {
                "network": "/vernetzung/",
                "world map": "/partnerlaender/",
            }.items():
                cache.clear()
                started = time.perf_counter()
                _get(client, url)
                self.stdout.write(
                    f"  first request {name}: {(time.perf_counter() - started) * 1000:.0f} ms"
                )
        cache.clear()

    def page_weight(self) -> float:
        """Compressed size (gzip) of the world map page and everything it loads, in KB."""
        import gzip

        from django.contrib.staticfiles import finders
        from django.urls import reverse

        with _quiet_logging():
            html = _get(Client(), reverse("atlas:world_map")).content
        total = len(gzip.compress(html))
        assets = set(re.findall(rb'(?:src|href)="/static/([^"?]+)"', html))
        for asset in sorted(assets):
            path = finders.find(asset.decode())
            if path:
                with open(path, "rb") as file:
                    total += len(gzip.compress(file.read()))
        kb = total / 1024
        self.stdout.write(
            f"Page weight of the world map (HTML + {len(assets)} files it loads, gzip): {kb:.0f} KB"
        )
        return kb


def after_a_write() -> None:
    """What a write leaves behind for the next request: a new data version, so neither
    the memory of a process nor what the shared cache holds under the old version (the
    network pictures, the world map) is used. The page cache is off while measuring."""
    from ludwigsburg_portal import versioned

    versioned.bump_data_version()


def first_visit_row(client, name: str, url, requests: int, *, width: int) -> str:
    """Median, p95, CPU ms and queries of ``url()`` on the first request after a write
    (:func:`after_a_write` before every request)."""
    timings = []
    queries = _QueryCounter()
    after_a_write()
    with connection.execute_wrapper(queries):
        _get(client, url())
    cpu_before = _cpu_seconds()
    runs = max(requests // 2, 5)
    for _ in range(runs):
        target = url()
        after_a_write()
        started = time.perf_counter()
        _get(client, target)
        timings.append((time.perf_counter() - started) * 1000)
    cpu = (_cpu_seconds() - cpu_before) * 1000 / runs
    median = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[18]
    return (
        f"{name:<{width}}{runs:>9}{median:>11.1f}{p95:>9.1f}{max(timings):>9.1f}"
        f"{cpu:>8.1f}{len(queries):>5}"
    )


def _cpu_seconds() -> float:
    """CPU time used so far by this process and by its PostgreSQL backend (same machine)."""
    total = time.process_time()
    try:
        pid = connection.connection.info.backend_pid
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (AttributeError, OSError, IndexError, ValueError):
        pass  # a remote database server: only this process is counted
    return total


def _get(client, url):
    response = client.get(url, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}")
    return response


class _QueryCounter(list):
    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


class _quiet_logging:
    def __enter__(self):
        logging.disable(logging.INFO)

    def __exit__(self, *exc):
        logging.disable(logging.NOTSET)


def use_database(name: str) -> None:
    """Point the default connection at database ``name`` on the same server, creating it."""
    wrapper = connections["default"]
    wrapper.close()
    settings_dict = wrapper.settings_dict
    options = settings_dict.setdefault("OPTIONS", {})
    if "app_database" in options:
        # The embedded server creates its application database when it starts.
        options["app_database"] = name
    settings_dict["NAME"] = name
    with wrapper._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    # What the process keeps about the database it talked to belongs to that database:
    # content type ids (taggit's topic filters name them) differ between the data sets.
    from django.contrib.contenttypes.models import ContentType

    from ludwigsburg_portal import versioned

    ContentType.objects.clear_cache()
    versioned.forget()
