"""Write the files of the whole-dataset downloads that are served written ahead.

Requests ask the worker for a file when the data changed (``opendata.exports``); run
this after a bulk import or a deploy so the first visitor gets a file at once, or from
cron so the files rarely lag a write.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.http import QueryDict

from opendata import exports


class Command(BaseCommand):
    help = "Writes the whole-dataset downloads that are served from files written ahead."

    def handle(self, *args, **options):
        for dataset in exports.DATASETS:
            size = exports.dataset_filterset(dataset, QueryDict()).count()
            if size < settings.DOWNLOADS_PREPARED_FROM:
                self.stdout.write(f"{dataset}: {size} records, built per request")
                continue
            for language, _name in settings.LANGUAGES:
                for fmt in exports.FORMATS:
                    file = exports.prepare(dataset, fmt, language)
                    state = f"version {file.version}" if file else "being written elsewhere"
                    self.stdout.write(f"{exports.prepared_name(dataset, fmt, language)}: {state}")
