"""Delete sent and given-up mails older than a number of days. Run weekly:

python manage.py prune_outgoing_mail --min-age-days 30
"""

from django.core.management.base import BaseCommand

from ludwigsburg_portal.mail import outgoing_mail_prune


class Command(BaseCommand):
    help = "Löscht versendete und aufgegebene E-Mails, die älter als die angegebene Zahl Tage sind."

    def add_arguments(self, parser):
        parser.add_argument("--min-age-days", type=int, default=30)

    def handle(self, *args, min_age_days, **options):
        count = outgoing_mail_prune(older_than_days=min_age_days)
        self.stdout.write(f"{count} outgoing mail(s) deleted.")
