"""The directory filters for the API and the downloads.

Every filter is the QuerySet method the public directory uses (actors/forms.py,
events/forms.py), so a filter means the same on every surface. The API names its
parameters in English (``kind``, ``topic``, ``network`` …) and, like the directory,
takes slugs.
"""

import datetime

from django.db.models import F, Q

from actors.models import Actor
from events.models import Participation


def _by_slug(queryset, slug: str):
    return queryset.filter(slug=slug).first()


def filter_actors(
    queryset,
    *,
    q: str = "",
    kind: str = "",
    topic: str = "",
    sdg: int | None = None,
    district: str = "",
    region: str = "",
    network: str = "",
):
    """Published actors matching every given filter: by relevance with ``q``, else by name.

    Unknown slugs (topic, region, network) match nothing rather than being ignored.
    ``network`` means its current members, as in the directory.
    """
    queryset = queryset.published()
    if kind:
        queryset = queryset.filter(kind=kind)
    if topic:
        queryset = queryset.with_topic(topic)
    if sdg:
        queryset = queryset.with_sdg(sdg)
    if district:
        queryset = queryset.in_district(district)
    if region:
        queryset = queryset.in_region(region)
    if network:
        queryset = queryset.current_members_of(network)
    if q:
        return queryset.search(q)
    return queryset.order_by("name", "pk")


def filter_networks(queryset, *, level: str = "", kind: str = "", q: str = ""):
    queryset = queryset.published()
    if level:
        queryset = queryset.at_level(level)
    if kind:
        queryset = queryset.filter(kind=kind)
    if q:
        queryset = queryset.filter(
            Q(name__icontains=q) | Q(host__icontains=q) | Q(description__icontains=q)
        )
    return queryset.order_by("name", "pk")


def filter_events(
    queryset,
    *,
    q: str = "",
    when: str = "",
    level: str = "",
    topic: str = "",
    actor: str = "",
    role: str = "",
    network: str = "",
    start_from: datetime.date | None = None,
    start_to: datetime.date | None = None,
):
    """Published events matching every filter.

    ``when``: "upcoming" (not ended yet, soonest first), "past" (latest first) or
    everything (by start, undated last).
    """
    queryset = queryset.published()
    if when == "upcoming":
        queryset = queryset.upcoming()
    elif when == "past":
        queryset = queryset.past()
    if level:
        queryset = queryset.at_level(level)
    if topic:
        queryset = queryset.on_topic(topic)
    if actor or role:
        participant = None
        if actor:
            participant = _by_slug(Actor.objects.published(), actor)
            if participant is None:
                return queryset.none()
        queryset = queryset.with_participant(actor=participant, role=role)
    if network:
        members = Actor.objects.published().current_members_of(network)
        queryset = queryset.filter(
            pk__in=Participation.objects.filter(actor__in=members).values("event_id")
        )
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(location__icontains=q)
            | Q(organiser__icontains=q)
        )
    if start_from:
        queryset = queryset.filter(start__date__gte=start_from)
    if start_to:
        queryset = queryset.filter(start__date__lte=start_to)
    if when == "past":
        return queryset.order_by(F("start").desc(nulls_last=True), "title", "pk")
    return queryset.order_by(F("start").asc(nulls_last=True), "title", "pk")
