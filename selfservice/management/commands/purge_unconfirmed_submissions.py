"""Delete submissions nobody confirmed within SELFSERVICE_TOKEN_DAYS. Run daily:

python manage.py purge_unconfirmed_submissions
"""

from django.core.management.base import BaseCommand

from selfservice.services import unconfirmed_submissions_purge


class Command(BaseCommand):
    help = "Löscht Neueinträge, deren E-Mail-Adresse nie bestätigt wurde."

    def handle(self, *args, **options):
        purged = unconfirmed_submissions_purge()
        self.stdout.write(
            f"{purged.submissions} unconfirmed submission(s) and "
            f"{purged.actors} draft profile(s) deleted."
        )
