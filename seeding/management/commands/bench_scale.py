"""``make bench-scale``: every public page at 10,000 and at 100,000 actors, side by side,
and the plan of every query those pages send.

The two data sets are those of the load test: ``ludwigsburg_bench`` (10,000 demo actors,
20,000 events; the one of ``make bench``) and ``ludwigsburg_scale_100000`` (100,000 and
200,000: every municipality of Baden-Württemberg on one installation), on the server
DATABASE_URL names or in the embedded PostgreSQL; each is built on first use (the large
one takes a few minutes) and analysed.

For each page the median server time is taken twice through Django's test client (the
whole middleware stack, no page cache): *steady*, with the per-process memory warm as
between two writes, and *first visit*, with the memory forgotten before every request as
right after a write. Detail pages show records of the Ludwigsburg seed, the same at both
scales. Then every query of a first visit at the large scale is run with ``EXPLAIN``; a
sequential scan of a table with more than ``BIG_TABLE`` rows is reported by table.

The whole directory's download is a file the worker writes ahead for each data version
(``opendata.exports``): the row *writing actors (CSV) ahead* is the worker's time for one
such file, once, and the download itself is served from that file, also on a first visit
after a write (the newest file, while the worker writes the next; here no worker runs).

``--check`` fails when a page's steady median at the large scale is more than twice that
at the small one, or when a query reads a big table without an index. The downloads of
the whole directory and the sitemap list every record, so they grow with the data by
design; they are shown, not checked.
"""

import json
import statistics
import time
from collections.abc import Callable

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from .bench import BENCH_NETWORK, _get, _quiet_logging, after_a_write, use_database

SMALL, LARGE = 10_000, 100_000
BIG_TABLE = 1_000
DOWNLOAD, WRITTEN_AHEAD = "download actors (CSV)", "writing actors (CSV) ahead"
# Outputs that list every record: larger data, larger answer (not checked) ...
GROW_WITH_DATA = {DOWNLOAD, WRITTEN_AHEAD, "sitemap"}
# ... of which these take long enough to be measured once.
ONCE = {WRITTEN_AHEAD, "sitemap"}
# While measuring, a task is recorded and not run (the worker's part is measured apart).
NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def pages(data, only=None) -> dict[str, str]:
    """Name -> URL of every public page kind, with records of the seed (``data``)."""
    return {
        "home": reverse("pages:home"),
        "directory": reverse("actors:list"),
        "directory page 37": reverse("actors:list") + "?page=37",
        "directory search": reverse("actors:list") + "?q=Welt",
        "directory filtered": reverse("actors:list") + f"?thema={data['topic']}",
        "actor page": reverse("actors:detail", args=[data["actor"]]),
        "networks": reverse("networks:list"),
        "network page": reverse("networks:detail", args=[BENCH_NETWORK]),
        "event list": reverse("events:list"),
        "event list filtered": reverse("events:list") + f"?ebene=city&thema={data['topic']}",
        "event archive": reverse("events:archive"),
        "event archive year": reverse("events:archive", kwargs={"year": data["year"]}),
        "calendar": reverse("events:calendar"),
        "event page": reverse("events:detail", args=[data["event"]]),
        "event iCal": reverse("events:ics", args=[data["dated event"]]),
        "office": reverse("pages:office"),
        "site search": reverse("search:results") + "?q=Welt",
        "site search events": reverse("search:results") + "?q=Fair&bereich=veranstaltungen",
        "network picture": reverse("atlas:network"),
        "world map": reverse("atlas:world_map"),
        "open data": reverse("opendata:index"),
        "feed actors (Atom)": reverse("opendata:actors_atom"),
        "feed events (RSS)": reverse("opendata:events_rss"),
        "calendar (iCal)": reverse("opendata:calendar"),
        "actor calendar (iCal)": reverse("opendata:calendar_actor", args=[data["actor"]]),
        "embed events": reverse("opendata:embed_events"),
        "API actors": reverse("api:actor-list"),
        "API actors search": reverse("api:actor-list") + "?q=Welt",
        "API events": reverse("api:event-list"),
        "API actor": reverse("api:actor-detail", args=[data["actor"]]),
        "reports": reverse("reports:list"),
        DOWNLOAD: reverse("opendata:download", args=["akteure", "csv"]),
        "sitemap": "/sitemap.xml",
    }


def seed_records() -> dict[str, str]:
    from actors.models import Actor
    from events.models import Event

    actor = (
        Actor.objects.published()
        .filter(is_example=False, memberships__isnull=False)
        .order_by("pk")
        .first()
    )
    event = Event.objects.published().filter(is_example=False).order_by("pk").first()
    # The seed's events are known by month or year only; a demo event has a day (and so
    # an iCalendar file). The demo data is generated alike at both scales.
    dated = Event.objects.published().on_calendar_days().order_by("pk").first()
    topic = actor.tags.order_by("slug").values_list("slug", flat=True).first() if actor else None
    if actor is None or event is None or dated is None:
        raise CommandError("the Ludwigsburg seed is missing")
    return {
        "actor": actor.slug,
        "event": event.slug,
        "dated event": dated.slug,
        "topic": topic or "bildung",
        "year": (event.start.year if event.start else 2025),
    }


class Command(BaseCommand):
    help = "Every public page at 10,000 and 100,000 actors, with the plan of every query."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="requests per page")
        parser.add_argument("--check", action="store_true", help="fail on a missed goal")
        parser.add_argument(
            "--plans-only", action="store_true", help="only the query plans at 100,000"
        )

    def handle(self, *, requests, check, verbosity, plans_only, **options):
        self.verbosity = verbosity
        results = {}
        plans = {}
        if plans_only:
            use_database(f"ludwigsburg_scale_{LARGE}")
            call_command("migrate", verbosity=0, interactive=False)
            fill(LARGE, self.stdout)
            for name, (count, scans) in self.explain(pages(seed_records())).items():
                self.stdout.write(f"{name:<24}{count:>5}  {', '.join(scans) or '–'}")
            return
        for scale in (SMALL, LARGE):
            database = "ludwigsburg_bench" if scale == SMALL else f"ludwigsburg_scale_{scale}"
            use_database(database)
            call_command("migrate", verbosity=0, interactive=False)
            fill(scale, self.stdout)
            data = seed_records()
            self.stdout.write(f"{database}: measuring {len(pages(data))} pages …")
            results[scale] = self.measure(pages(data), requests)
            if scale == LARGE:
                plans = self.explain(pages(data))

        failures = self.report(results, plans)
        if failures:
            self.stdout.write(self.style.WARNING("Goals missed:\n  " + "\n  ".join(failures)))
            if check:
                raise CommandError("scale goals missed")
        else:
            self.stdout.write(
                self.style.SUCCESS("No page more than 2× slower; every query indexed.")
            )

    def measure(self, urls: dict[str, str], requests: int) -> dict[str, tuple[float, float]]:
        from opendata import exports

        client = Client()
        measured = {}
        downloads = settings.VAR_DIR / "bench-downloads" / connection.settings_dict["NAME"]
        with (
            override_settings(PAGE_CACHE_SECONDS=0, DOWNLOADS_DIR=downloads, TASKS=NO_WORKER),
            _quiet_logging(),
        ):
            if DOWNLOAD in urls:
                after_a_write()
                build = _timed(lambda: exports.prepare("akteure", "csv", "de"), 1)
                measured[WRITTEN_AHEAD] = (build, build)
            for name, url in urls.items():
                get = _download if name == DOWNLOAD else _get
                if name in ONCE:
                    # Long at the large scale, and nothing of it is remembered: once.
                    steady = cold = _timed(lambda url=url, get=get: get(client, url), 1)
                    measured[name] = (steady, cold)
                    continue
                for _ in range(3):
                    get(client, url)
                steady = _timed(lambda url=url, get=get: get(client, url), requests)

                def first_visit(url=url, get=get):
                    after_a_write()
                    get(client, url)

                cold = _timed(first_visit, max(requests // 3, 3))
                measured[name] = (steady, cold)
                if self.verbosity > 1:
                    self.stdout.write(f"  {name}: {steady:.1f} / {cold:.1f} ms")
        return measured

    def explain(self, urls: dict[str, str]) -> dict[str, list[str]]:
        """Per page: the big tables its first visit reads without an index."""

        client = Client()
        found = {}
        with override_settings(PAGE_CACHE_SECONDS=0), _quiet_logging():
            for name, url in urls.items():
                if name in GROW_WITH_DATA:
                    continue  # not checked (see above)
                queries = _Recorder()
                after_a_write()
                with connection.execute_wrapper(queries):
                    _get(client, url)
                scans = set()
                for sql, params in queries:
                    if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                        scans |= sequential_scans(sql, params)
                found[name] = (len(queries), sorted(scans))
        return found

    def report(self, results, plans) -> list[str]:
        header = (
            f"{'page':<24}{'steady 10k':>11}{'100k':>8}{'×':>6}"
            f"{'first 10k':>11}{'100k':>8}{'×':>6}{'SQL':>5}  sequential scans (100k)"
        )
        self.stdout.write("\nMedian server time in ms (test client, no page cache):")
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        failures = []
        for name, (small_steady, small_cold) in results[SMALL].items():
            large_steady, large_cold = results[LARGE][name]
            count, scans = plans.get(name, (0, []))
            steady_ratio = large_steady / small_steady
            cold_ratio = large_cold / small_cold
            grows = name in GROW_WITH_DATA
            self.stdout.write(
                f"{name:<24}{small_steady:>11.1f}{large_steady:>8.1f}{steady_ratio:>6.1f}"
                f"{small_cold:>11.1f}{large_cold:>8.1f}{cold_ratio:>6.1f}{count:>5}  "
                f"{', '.join(scans) or '–'}{'  (lists every record)' if grows else ''}"
            )
            if grows:
                continue
            if steady_ratio > 2:
                failures.append(f"{name}: {steady_ratio:.1f}× slower at {LARGE}")
            if scans:
                failures.append(f"{name}: sequential scan of {', '.join(scans)}")
        self.stdout.write(
            "steady: the per-process memory warm (between writes); first: forgotten before\n"
            "every request (the first visit after a write). ×: 100k time / 10k time."
        )
        return failures


def fill(scale: int, stdout) -> None:
    """The seed plus ``scale`` demo actors and twice as many events (once), analysed."""
    from actors.models import Actor
    from events.models import Event
    from seeding.demo import generate_demo
    from seeding.seed import load_ludwigsburg

    load_ludwigsburg()
    actors = Actor.objects.filter(is_example=True).count()
    events = Event.objects.filter(is_example=True).count()
    if actors < scale or events < 2 * scale:
        stdout.write(f"Generating demo data ({scale} actors, {2 * scale} events); this runs once …")
        generate_demo(actors=max(scale - actors, 0), events=max(2 * scale - events, 0))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def sequential_scans(sql: str, params) -> set[str]:
    """Big tables (more than BIG_TABLE rows) that the plan of ``sql``, run, reads
    sequentially for more than BIG_TABLE rows. A sequential scan that a LIMIT stops
    early (a few hundred rows of a common topic) reads no more than an index would, and
    a small table (the 21 topics, read once per actor of a page) does not grow with the
    data: neither is counted."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        tables: dict[str, float] = {}
        _walk(plan[0]["Plan"], tables)
        read = {table for table, rows in tables.items() if rows > BIG_TABLE}
        if not read:
            return set()
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND reltuples > %s",
            [sorted(read), BIG_TABLE],
        )
        return {row[0] for row in cursor.fetchall()}


def _walk(node: dict, tables: dict[str, float]) -> None:
    if node.get("Node Type") in ("Seq Scan", "Parallel Seq Scan"):
        loops = node.get("Actual Loops", 1) + node.get("Workers Launched", 0)
        read = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)) * loops
        table = node["Relation Name"]
        tables[table] = tables.get(table, 0) + read
    for child in node.get("Plans", []):
        _walk(child, tables)


def _download(client, url):
    """A download as a browser takes it (gzip), read to the end."""
    response = client.get(url, HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}")
    if response.streaming:
        for _block in response.streaming_content:
            pass
    return response


def _timed(call: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


class _Recorder(list):
    def __call__(self, execute, sql, params, many, context):
        self.append((sql, params))
        return execute(sql, params, many, context)
