from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfserviceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "selfservice"
    verbose_name = _("Mitmachen und Moderation")

    def ready(self):
        from actors.models import Actor
        from events.models import Event
        from ludwigsburg_portal.publication import register_status_guard

        from . import signals
        from .services import actor_status_guard, event_status_guard
        from .slots import fill_slots

        signals.connect()
        # "Edit" / "claim" on the actor page.
        fill_slots()
        # A status change from anywhere (admin bulk actions) respects open moderation.
        register_status_guard(Actor, actor_status_guard)
        register_status_guard(Event, event_status_guard)

        from .worklist import register_work

        register_work()  # the moderation queues on the admin start page
