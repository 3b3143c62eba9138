"""iCalendar feeds (all upcoming, per actor, per network) and the per-event download.

The events app serves the calendars of its own records; ``events/urls.py`` routes
the per-event download, ``opendata/urls.py`` the subscription calendars under
``/offene-daten/kalender…``."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actors.models import Actor
from ludwigsburg_portal import versioned
from ludwigsburg_portal.http import conditional_get
from networks.models import Network

from .ical import build_calendar, is_calendarable
from .models import Event

CONTENT_TYPE = "text/calendar; charset=utf-8"


# A subscribed calendar holds the soonest this many upcoming events. Calendar programs
# give up on much larger feeds (and a state-wide portal has tens of thousands); the
# calendars of an actor or a network stay complete far below it.
CALENDAR_LIMIT = 1_000


def calendar_response(events, *, name: str, filename: str, download: bool = False, key=None):
    """The calendar of ``events``; with ``key`` (what it depends on besides the data)
    written once per data version, language and hour. An hour-old calendar differs
    only in events that have just ended, which subscribers' calendars show as past."""

    def build():
        return build_calendar(events, name=name)

    if key is None:
        body = build()
    else:
        body = versioned.remember(versioned.language_key("calendar", *key, versioned.hour()), build)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _upcoming():
    return Event.objects.published().upcoming().on_calendar_days()


@require_safe
@conditional_get
def upcoming_calendar(request):
    return calendar_response(
        _upcoming()[:CALENDAR_LIMIT],
        name=_("Veranstaltungen – Eine-Welt-Portal Ludwigsburg"),
        filename="eine-welt-ludwigsburg.ics",
        key=("upcoming",),
    )


@require_safe
@conditional_get
def actor_calendar(request, slug):
    actor = get_object_or_404(Actor.objects.published(), slug=slug)
    return calendar_response(
        _upcoming().with_participant(actor=actor)[:CALENDAR_LIMIT],
        name=_("Veranstaltungen: %(name)s") % {"name": actor.name},
        filename=f"{actor.slug}.ics",
        key=("actor", actor.pk),
    )


@require_safe
@conditional_get
def network_calendar(request, slug):
    network = get_object_or_404(Network.objects.published(), slug=slug)
    return calendar_response(
        _upcoming().with_members_of(network.slug)[:CALENDAR_LIMIT],
        name=_("Veranstaltungen: %(name)s") % {"name": network.name},
        filename=f"{network.slug}.ics",
        key=("network", network.pk),
    )


@require_safe
@conditional_get
def event_ics(request, slug):
    """One event as a downloadable .ics file (events:ics)."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    if not is_calendarable(event):
        raise Http404(_("Für diese Veranstaltung ist kein genauer Tag bekannt."))
    return calendar_response([event], name=event.title, filename=f"{event.slug}.ics", download=True)
