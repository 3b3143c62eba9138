"""Yearly "is your profile still current?" mails. Run daily (cron or systemd timer):

    python manage.py send_profile_reminders

It sends at most one mail per editor per PROFILE_REMINDER_DAYS, so running it
more often than needed is harmless; the mails leave through the task worker.
"""

from django.core.management.base import BaseCommand

from selfservice.services import reminders_send


class Command(BaseCommand):
    help = "Fragt Redakteur*innen einmal pro Zeitraum, ob ihr Profil noch aktuell ist."

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"{count} reminder(s) scheduled.")
