"""``manage.py rebuild_search_index``: every search document and the lexicon anew.

Documents follow every change on their own; this is for after a change of the
analysis (compound splitting, the document fields) or to drop words of deleted or
unpublished records from the lexicon of typo suggestions.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from actors.search import refresh_actor_documents
from events.search import refresh_event_documents
from networks.search import refresh_network_documents
from search.models import Term


class Command(BaseCommand):
    help = "Rewrite every search document and the lexicon of known words."

    def handle(self, **options):
        with transaction.atomic():
            Term.objects.all().delete()
            actors = refresh_actor_documents()
            events = refresh_event_documents()
            networks = refresh_network_documents()
        self.stdout.write(
            f"Search documents written: {actors} actors, {events} events, {networks} networks; "
            f"{Term.objects.count()} words in the lexicon."
        )
