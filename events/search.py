"""Search documents of events.

An event is found by its title (weight A), organiser, place, level and the names of its
published participants (B) and its description (C), each with the compound parts of
its words (``ludwigsburg_portal.textsearch``). The document is rewritten when the event
or a participation changes, and when a participating actor is renamed or its
publication changes.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation

from actors.models import Actor
from ludwigsburg_portal.publication import Level, PublicationStatus
from ludwigsburg_portal.textsearch import (
    choice_labels,
    document_texts,
    with_english_fields,
    write_documents,
)


def event_documents(ids: Iterable[int] | None = None) -> dict[int, tuple[str, str, str]]:
    from .models import Event, Participation

    with translation.override("de"):
        events = Event.objects.all() if ids is None else Event.objects.filter(pk__in=list(ids))
        a_fields = with_english_fields(Event, ["title"])
        b_fields = with_english_fields(Event, ["organiser", "location"])
        c_fields = with_english_fields(Event, ["description"])
        rows = list(events.order_by().values("pk", "level", *a_fields, *b_fields, *c_fields))
        participants: dict[int, list[str]] = defaultdict(list)
        participations = Participation.objects.filter(actor__status=PublicationStatus.PUBLISHED)
        if ids is not None:
            participations = participations.filter(event_id__in=[row["pk"] for row in rows])
        for event_id, name in participations.values_list("event_id", "actor__name").distinct():
            participants[event_id].append(name)
    return {
        row["pk"]: document_texts(
            [row[name] for name in a_fields],
            [
                *(row[name] for name in b_fields),
                *choice_labels(Level, row["level"]),
                *participants.get(row["pk"], ()),
            ],
            [row[name] for name in c_fields],
        )
        for row in rows
    }


def refresh_event_documents(ids: Iterable[int] | None = None) -> int:
    from .models import Event

    documents = event_documents(ids)
    write_documents(Event, documents, rebuild=ids is None)
    return len(documents)


def fill_missing_documents(**kwargs) -> None:
    from .models import Event

    missing = list(Event.objects.filter(search_document__isnull=True).values_list("pk", flat=True))
    if missing:
        refresh_event_documents(missing)


def _event_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_event_documents([instance.pk])


def _participation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_event_documents([instance.event_id])


def _actor_saved(sender, instance, raw=False, **kwargs):
    """A participant's name (and whether it is published) is part of its events' documents."""
    from .models import Participation

    if not raw:
        ids = Participation.objects.filter(actor=instance).values_list("event_id", flat=True)
        refresh_event_documents(list(ids))


def connect_signals(app_config) -> None:
    """Called from ``EventsConfig.ready()``."""
    from .models import Event, Participation

    post_save.connect(_event_saved, sender=Event, dispatch_uid="event-search-document")
    for signal in (post_save, post_delete):
        signal.connect(
            _participation_changed, sender=Participation, dispatch_uid="event-search-participation"
        )
    post_save.connect(_actor_saved, sender=Actor, dispatch_uid="event-search-participant")
    post_migrate.connect(fill_missing_documents, sender=app_config)
