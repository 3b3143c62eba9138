import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from ludwigsburg_portal.env import env_str
from ludwigsburg_portal.permissions import STAFF_GROUP


class Command(BaseCommand):
    help = (
        "Makes sure a staff login for the coordination office exists (member of the "
        "'Koordinationsstelle' group, not a superuser). Credentials come from STAFF_USERNAME, "
        "STAFF_EMAIL and STAFF_PASSWORD; without STAFF_PASSWORD a password is generated and "
        "printed once, when the account is created."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        username = env_str("STAFF_USERNAME", "") or "koordinationsstelle"
        email = env_str("STAFF_EMAIL", "") or "eine-welt@ludwigsburg.de"
        password = env_str("STAFF_PASSWORD", "")
        group = Group.objects.get(name=STAFF_GROUP)

        user = User.objects.filter(username=username).first()
        if user is not None:
            user.groups.add(group)
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(
                    f"Staff login '{username}' exists; password set from STAFF_PASSWORD."
                )
            else:
                self.stdout.write(f"Staff login '{username}' exists (password unchanged).")
            return

        generated = not password
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username=username, email=email, password=password, is_staff=True
        )
        user.groups.add(group)
        self.stdout.write(
            self.style.SUCCESS(f"Created staff login for the Koordinationsstelle: {username}")
        )
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"  Password (shown only now, note it down): {password}\n"
                    "  Set STAFF_PASSWORD to choose your own."
                )
            )
