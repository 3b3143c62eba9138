from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        # Search documents follow every change of what a record is found by.
        from .search import connect_signals

        connect_signals(self)
