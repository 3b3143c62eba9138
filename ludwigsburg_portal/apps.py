from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ludwigsburg_portal"
    verbose_name = "Eine-Welt-Portal Ludwigsburg"

    def ready(self):
        from django.contrib.auth import get_user_model

        from .people import display_name

        # The portal keeps Django's own User (a custom user model would mean moving
        # every foreign key to it). Its __str__ is the user name, which is generated
        # and shown wherever a user appears without a template choosing a field:
        # admin columns ("von", "entschieden von"), selectors, the history's
        # "geändert von". There it becomes the person's name or address.
        get_user_model().__str__ = display_name
