"""``make bench-reports``: render time of a year's report at 10,000 actors and 20,000 events.

Uses the benchmark database of ``manage.py bench`` (its own database, filled once with
the seed and the demo data; found through that command wherever it lives) and times
the report page and its files through Django's test client as a superuser: the whole
admin stack, computation and rendering, no cache. Targets: page < 1 s, PDF < 5 s.
"""

import os
import statistics
import time
from importlib import import_module

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from reports.period import Period

TARGETS_MS = {"page": 1000, "pdf": 5000}


class Command(BaseCommand):
    help = "Time the report page, PDF, DOCX and CSV on the 10,000-actor benchmark database."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="ludwigsburg_bench", help="database name")
        parser.add_argument("--repeat", type=int, default=5, help="renders per format")
        parser.add_argument("--check", action="store_true", help="fail when a target is missed")

    def handle(self, *, database, repeat, check, **options):
        bench = _bench_module()
        bench.use_database(database)
        self.stdout.write(f"Benchmark database: {database}")
        call_command("migrate", verbosity=0, interactive=False)
        bench.Command(stdout=self.stdout, stderr=self.stderr).fill()

        from django.contrib.auth import get_user_model

        user, _ = get_user_model().objects.get_or_create(
            username="bench-reports", defaults={"is_staff": True, "is_superuser": True}
        )
        client = Client()
        client.force_login(user)
        today = timezone.localdate()
        periods = {
            f"calendar year {today.year - 1}": Period.calendar_year(today.year - 1),
            "last 12 months": Period.last_twelve_months(today=today),
        }
        header = (
            f"{'period':<22}{'format':<7}{'renders':>8}{'median ms':>11}{'max ms':>9}"
            f"{'CPU ms':>8}{'SQL':>5}  size"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        missed = []
        with override_settings(PAGE_CACHE_SECONDS=0), bench._quiet_logging():
            for name, period in periods.items():
                for format, renders in (
                    ("page", repeat),
                    ("pdf", max(repeat // 2, 1)),
                    ("docx", 1),
                    ("csv", 1),
                ):
                    query = period.as_query()
                    if format != "page":
                        query["format"] = format
                    timings, cpu, queries, size = _time(client, query, renders, bench)
                    median = statistics.median(timings)
                    self.stdout.write(
                        f"{name:<22}{format:<7}{renders:>8}{median:>11.0f}{max(timings):>9.0f}"
                        f"{cpu:>8.0f}{queries:>5}  {size / 1024:.0f} KiB"
                    )
                    limit = TARGETS_MS.get(format)
                    if limit and median > limit:
                        missed.append(f"{name} {format}: {median:.0f} ms > {limit} ms")
        self.stdout.write("Load average: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
        if missed:
            self.stdout.write(self.style.WARNING("Targets missed: " + "; ".join(missed)))
            if check:
                raise CommandError("report benchmark targets missed")
        else:
            self.stdout.write(self.style.SUCCESS("All targets met (page < 1 s, PDF < 5 s)."))


def _bench_module():
    """The module of ``manage.py bench`` (its database and demo data helpers)."""
    app = get_commands().get("bench")
    if app is None:
        raise CommandError("manage.py bench is not installed")
    return import_module(f"{app}.management.commands.bench")


def _time(client, query, renders, bench) -> tuple[list[float], float, int, int]:
    """Wall times (ms) of ``renders`` requests after one warm-up, their mean CPU time
    (ms), the SQL queries of one request and the response size."""
    url = reverse("reports:builder")
    counter = _Queries()
    response = client.get(url, query, HTTP_HOST="127.0.0.1")  # warm-up: templates, fonts
    with connection.execute_wrapper(counter):
        response = client.get(url, query, HTTP_HOST="127.0.0.1")
    timings = []
    cpu_seconds = getattr(bench, "_cpu_seconds", time.process_time)
    cpu_before = cpu_seconds()
    for _ in range(renders):
        started = time.perf_counter()
        response = client.get(url, query, HTTP_HOST="127.0.0.1")
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise CommandError(f"{url}?{query} answered {response.status_code}")
    cpu = (cpu_seconds() - cpu_before) * 1000 / renders
    return timings, cpu, len(counter), len(response.content)


class _Queries(list):
    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)
