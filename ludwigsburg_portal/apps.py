from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ludwigsburg_portal"
    verbose_name = "Eine-Welt-Portal Ludwigsburg"

    def ready(self):
        from ludwigsburg_portal.cache import connect_invalidation

        connect_invalidation()
