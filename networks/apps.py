from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "networks"
    verbose_name = _("Netzwerke")

    def ready(self):
        # Search documents follow every change of what a record is found by.
        from .search import connect_signals

        connect_signals(self)
