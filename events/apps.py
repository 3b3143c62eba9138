from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from ludwigsburg_portal.cache import invalidate_pages_on

        from .models import Event, Participation

        invalidate_pages_on(Event, Participation)

        # Search documents follow every change of what a record is found by.
        from .search import connect_signals

        connect_signals(self)

        from ludwigsburg_portal import tallies

        from .models import BY_LAST_DAY_TALLY, BY_START_YEAR_TALLY, PUBLISHED_TALLY, SHARED_TALLY

        tallies.register(
            PUBLISHED_TALLY,
            lambda: {0: Event.objects.published().count()},
            tables=("events_event",),
        )
        tallies.register(
            BY_LAST_DAY_TALLY,
            lambda: Event.objects.published().count_by_last_day(),
            tables=("events_event",),
        )
        tallies.register(
            BY_START_YEAR_TALLY,
            lambda: Event.objects.published().count_by_year(),
            tables=("events_event",),
        )
        tallies.register(
            SHARED_TALLY,
            lambda: dict.fromkeys(Participation.objects.shared_event_ids(), 1),
            tables=("events_participation",),
        )
