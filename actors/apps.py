from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actors"
    verbose_name = _("Akteure")

    def ready(self):
        # Search documents follow every change of what a record is found by.
        from .search import connect_signals

        connect_signals(self)
