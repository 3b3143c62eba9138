from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtlasConfig(AppConfig):
    """Pictures of the network (who works with whom) and the world map of partner countries."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "atlas"
    verbose_name = _("Vernetzung und Partnerländer")

    def ready(self):
        from .slots import fill_slots

        fill_slots()
