"""``make bench-search``: how good and how fast the search is at 10,000 actors.

Uses the benchmark database of ``make bench`` (``ludwigsburg_bench``: the seed plus
10,000 demo actors and 20,000 events, filled on the first run) and adds the realistic
records of the relevance suite (``seeding/relevance.py``). Prints, for the suite,
recall@10 (the share of the relevant records, at most ten, among the first ten results)
and the mean reciprocal rank (1 / the position of the first relevant result), then
median and p95 wall time and the CPU time of ``/suche/?q=`` and ``/akteure/?q=``: in the
steady state (what changes only on writes remembered, ``ludwigsburg_portal/versioned.py``;
the targets apply to it) and on the first visit after a write (memory empty).
"""

import random
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.http import urlencode

from .bench import Command as Bench
from .bench import (
    _cpu_seconds,
    _get,
    _QueryCounter,
    _quiet_logging,
    first_visit_row,
    use_database,
)

TARGETS = {"recall@10": 0.95, "MRR": 0.8}
LATENCY_TARGET_MS = 30
TOP = 10


class Command(BaseCommand):
    help = "Relevance (recall@10, MRR) and latency of the search on the benchmark database."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="ludwigsburg_bench", help="database name")
        parser.add_argument("--requests", type=int, default=60, help="requests per page")
        parser.add_argument("--verbose-cases", action="store_true", help="print every case")
        parser.add_argument(
            "--check", action="store_true", help="exit with an error when a target is missed"
        )

    def handle(self, *, database, requests, verbose_cases, check, **options):
        import re

        from seeding.relevance import add_fixtures

        if not re.fullmatch(r"[a-z][a-z0-9_]{0,62}", database):
            raise CommandError("--database: lower-case letters, digits and _ only")
        use_database(database)
        self.stdout.write(f"Benchmark database: {database} ({connection.vendor})")
        call_command("migrate", verbosity=0, interactive=False)
        bench = Bench(stdout=self.stdout, stderr=self.stderr)
        bench.fill()
        add_fixtures()
        recall, mrr = self.relevance(verbose_cases)
        latencies = self.latency(requests)
        missed = [
            f"{name} {value:.3f} < {TARGETS[name]}"
            for name, value in (("recall@10", recall), ("MRR", mrr))
            if value < TARGETS[name]
        ] + [
            f"{page}: median {median:.1f} ms > {LATENCY_TARGET_MS} ms"
            for page, (median, _p95) in latencies.items()
            if median > LATENCY_TARGET_MS
        ]
        if missed:
            self.stdout.write(self.style.WARNING("Targets missed: " + "; ".join(missed)))
            if check:
                raise CommandError("search benchmark targets missed")
        else:
            self.stdout.write(self.style.SUCCESS("All targets met."))

    def relevance(self, verbose: bool) -> tuple[float, float]:
        from seeding.relevance import SUITE

        recalls, ranks, failed = [], [], []
        by_what: dict[str, list[float]] = {}
        for case in SUITE:
            recall, reciprocal, shown = evaluate(case)
            recalls.append(recall)
            ranks.append(reciprocal)
            by_what.setdefault(case.what.split()[0], []).append(recall)
            if recall < 1 or reciprocal < 1:
                failed.append((case, recall, reciprocal, shown))
            if verbose:
                self.stdout.write(
                    f"  {case.query!r:<28} {case.kind:<16} recall {recall:.2f}  RR {reciprocal:.2f}"
                )
        recall, mrr = statistics.mean(recalls), statistics.mean(ranks)
        self.stdout.write(
            f"Relevance suite: {len(SUITE)} queries, recall@{TOP} {recall:.3f}, MRR {mrr:.3f}"
        )
        self.stdout.write(
            "  by kind of query: "
            + ", ".join(f"{what} {statistics.mean(v):.2f}" for what, v in sorted(by_what.items()))
        )
        for case, case_recall, reciprocal, shown in failed:
            self.stdout.write(
                f"  below 1: {case.query!r} ({case.kind}) recall {case_recall:.2f} "
                f"RR {reciprocal:.2f}; first results: {shown[:3]}"
            )
        return recall, mrr

    def latency(self, requests: int) -> dict[str, tuple[float, float]]:
        from seeding.relevance import SUITE

        rng = random.Random(7)
        everything = [case.query for case in SUITE]
        actor_queries = [case.query for case in SUITE if case.kind == "akteure"]
        pages = {
            "/suche/?q=": lambda: (
                reverse("search:results") + "?" + urlencode({"q": rng.choice(everything)})
            ),
            "/akteure/?q=": lambda: (
                reverse("actors:list") + "?" + urlencode({"q": rng.choice(actor_queries)})
            ),
        }
        client = Client()
        header = f"{'page':<14}{'requests':>9}{'median ms':>11}{'p95 ms':>9}{'CPU ms':>8}{'SQL':>6}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        results = {}
        with override_settings(PAGE_CACHE_SECONDS=0), _quiet_logging():
            for name, url in pages.items():
                for _query in everything:  # warm up: word lists, lexicon, templates
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
                    f"{name:<14}{requests:>9}{median:>11.1f}{p95:>9.1f}{cpu:>8.1f}{len(queries):>6}"
                )
            self.stdout.write(
                "First visit after a write (the per-process memory empty; columns as in "
                "make bench: requests, median, p95, max, CPU ms, SQL):"
            )
            for name, url in pages.items():
                self.stdout.write(first_visit_row(client, name, url, requests, width=14))
        import os

        self.stdout.write(
            "CPU ms: this process plus its PostgreSQL backend, per request. "
            f"Load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        return results


def evaluate(case) -> tuple[float, float, list[str]]:
    """(recall@10, reciprocal rank, first results) of one case, as a visitor sees it."""
    from actors.models import Actor
    from events.models import Event
    from search import portal

    text = portal.search_everything(case.query).text  # typo correction included
    results = list(portal.search_kind(case.kind, text)[:TOP])
    if case.kind in portal.LARGE_KINDS:
        shown = [item.slug for item in results]
        if case.where is not None:
            model = Actor if case.kind == "akteure" else Event
            relevant = set(
                model.objects.published().filter(case.where).values_list("slug", flat=True)
            )
        else:
            relevant = set(case.slugs)
    else:
        shown = [hit.title for hit in results]
        relevant = set(case.titles)
    positions = [i for i, key in enumerate(shown) if key in relevant]
    if not relevant:
        return 0.0, 0.0, shown
    recall = len(positions) / min(TOP, len(relevant))
    return recall, (1 / (positions[0] + 1) if positions else 0.0), shown
