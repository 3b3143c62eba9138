from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeedingConfig(AppConfig):
    """The top layer: the Ludwigsburg facts, demo data and the benchmark.

    Nothing in the portal imports this app; it only writes through the models of the
    apps below it, so the portal runs the same without it.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "seeding"
    verbose_name = _("Startdaten")
