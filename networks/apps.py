from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "networks"
    verbose_name = _("Netzwerke")

    def ready(self):
        from ludwigsburg_portal.cache import invalidate_pages_on

        from .models import ExpertExchange, Membership, Network

        invalidate_pages_on(Network, Membership, ExpertExchange)

        # Search documents follow every change of what a record is found by.
        from .search import connect_signals

        connect_signals(self)
