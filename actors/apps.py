from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "actors"
    verbose_name = _("Akteure")

    def ready(self):
        from taggit.models import Tag, TaggedItem

        from ludwigsburg_portal.cache import invalidate_pages_on

        from .models import Actor, Region, SustainableDevelopmentGoal, TopicTranslation

        # Topics are taggit's tags on actors; their names show in cards and filters.
        invalidate_pages_on(
            Actor, Region, SustainableDevelopmentGoal, Tag, TaggedItem, TopicTranslation
        )

        # Search documents follow every change of what a record is found by.
        from .search import connect_signals

        connect_signals(self)

        from .worklist import register_work

        register_work()  # overdue confirmations on the admin start page

        from ludwigsburg_portal import tallies

        from .models import PER_REGION_TALLY, PUBLISHED_TALLY

        tallies.register(
            PUBLISHED_TALLY,
            lambda: {0: Actor.objects.published().count()},
            tables=("actors_actor",),
        )
        tallies.register(
            PER_REGION_TALLY,
            lambda: Actor.objects.published().count_per_region(),
            tables=("actors_actor", "actors_actor_regions"),
        )
