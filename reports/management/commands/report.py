"""``manage.py report --jahr 2018 --format pdf --output bericht-2018.pdf``: a report as a file.

The same report as on ``/verwaltung/berichte/``, without a browser: for scripts, for a
cron job that files the year's report, and for the README's page image.
"""

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from reports.compute import compute_report
from reports.period import Period
from reports.views import _render_file, default_title

FORMATS = ("pdf", "docx", "csv")


class Command(BaseCommand):
    help = "Write the report for a period as PDF, DOCX or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--jahr", type=int, help="calendar year (instead of --von/--bis)")
        parser.add_argument("--von", type=datetime.date.fromisoformat, help="JJJJ-MM-TT")
        parser.add_argument("--bis", type=datetime.date.fromisoformat, help="JJJJ-MM-TT")
        parser.add_argument("--sprache", choices=("de", "en"), default="de")
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("--output", "-o", help="file name (default: standard output)")

    def handle(self, *, jahr, von, bis, sprache, format, output, **options):
        if jahr:
            period = Period.calendar_year(jahr)
        elif von and bis:
            if bis < von:
                raise CommandError("--bis liegt vor --von")
            period = Period(von, bis)
        else:
            raise CommandError("--jahr oder --von und --bis angeben")
        data = compute_report(period=period, language=sprache, annex=format == "csv")
        content = _render_file(format, data=data, title=default_title(period, sprache))
        if output:
            with open(output, "wb") as file:
                file.write(content)
            self.stderr.write(f"{output}: {len(content)} bytes")
        else:
            sys.stdout.buffer.write(content)
