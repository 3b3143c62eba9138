"""``manage.py check_tallies [--repair]``: compare the counts the database keeps
(``ludwigsburg_portal.tallies``) with the same counts taken from the records."""

from django.core.management.base import BaseCommand, CommandError

from ludwigsburg_portal import tallies


class Command(BaseCommand):
    help = "Compare the kept counts with the records; --repair recounts those that differ."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair", action="store_true", help="recount every count that differs"
        )

    def handle(self, *args, repair=False, **options):
        wrong = []
        for name in tallies.names():
            differences = tallies.differences(name)
            if not differences:
                self.stdout.write(f"{name}: ok")
                continue
            shown = ", ".join(
                f"{key}: kept {kept}, counted {counted}"
                for key, (kept, counted) in sorted(differences.items())[:10]
            )
            self.stdout.write(f"{name}: {len(differences)} differ ({shown})")
            if repair:
                tallies.recount(name)
                self.stdout.write(f"{name}: recounted")
            else:
                wrong.append(name)
        if wrong:
            raise CommandError(f"Counts differ: {', '.join(wrong)} (--repair recounts them)")
