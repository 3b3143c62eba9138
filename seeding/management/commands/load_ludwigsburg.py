from django.core.management.base import BaseCommand

from seeding.demo import clear_demo, generate_demo
from seeding.seed import load_ludwigsburg


class Command(BaseCommand):
    help = (
        "Creates whatever is missing of the Ludwigsburg data (the office, its partner "
        "departments, networks, memberships, events and expert exchanges). Records that "
        "exist are never changed, so staff edits survive; safe to run repeatedly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N fictional demo actors (marked as demo data).",
        )
        parser.add_argument(
            "--demo-events",
            type=int,
            default=None,
            metavar="M",
            help="Number of demo events (default: twice the number of demo actors).",
        )
        parser.add_argument("--clear-demo", action="store_true", help="Remove all demo data first.")

    def handle(self, *args, demo, demo_events, clear_demo: bool, **options):
        if clear_demo:
            removed = clear_demo_data()
            self.stdout.write(f"Removed demo data: {removed}")
        created = {kind: count for kind, count in load_ludwigsburg().items() if count}
        if created:
            made = ", ".join(f"{count} {kind}" for kind, count in created.items())
            message = f"Ludwigsburg data: created {made}; existing records left unchanged."
        else:
            message = "Ludwigsburg data: nothing missing, nothing changed."
        self.stdout.write(self.style.SUCCESS(message))
        if demo:
            made = generate_demo(
                actors=demo, events=demo * 2 if demo_events is None else demo_events
            )
            self.stdout.write(self.style.SUCCESS(f"Demo data generated: {made}"))


clear_demo_data = clear_demo
