from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "ludwigsburg_portal"
    verbose_name = "Eine-Welt-Portal Ludwigsburg"
