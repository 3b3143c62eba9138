"""Profiles overdue for confirmation on the admin start page (see ludwigsburg_portal.worklist)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal import worklist

from .models import Actor


def register_work() -> None:
    # The changelist filter "Bestätigung → überfällig" (parameter "bestaetigung") shows
    # the same rows: published profiles nobody confirmed for PROFILE_STALE_DAYS.
    worklist.register(
        key="actors.confirmation_overdue",
        order=50,
        label=_("Profile mit überfälliger Bestätigung"),
        empty_label=_("Keine Profile mit überfälliger Bestätigung"),
        queryset=lambda: Actor.objects.confirmation_overdue(days=settings.PROFILE_STALE_DAYS),
        url_name="admin:actors_actor_changelist",
        query={"bestaetigung": "overdue"},
        permission="actors.view_actor",
    )
