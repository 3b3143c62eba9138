"""iCalendar feeds (all upcoming, per actor, per network) and the per-event download."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actors.models import Actor
from events.ical import build_calendar, is_calendarable
from events.models import Event
from networks.models import Network

from .http import conditional_get

CONTENT_TYPE = "text/calendar; charset=utf-8"


def calendar_response(events, *, name: str, filename: str, download: bool = False):
    response = HttpResponse(build_calendar(events, name=name), content_type=CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _upcoming():
    return Event.objects.published().upcoming()


@require_safe
@conditional_get
def upcoming_calendar(request):
    return calendar_response(
        _upcoming(),
        name=_("Veranstaltungen – Eine-Welt-Portal Ludwigsburg"),
        filename="eine-welt-ludwigsburg.ics",
    )


@require_safe
@conditional_get
def actor_calendar(request, slug):
    actor = get_object_or_404(Actor.objects.published(), slug=slug)
    return calendar_response(
        _upcoming().with_participant(actor=actor),
        name=_("Veranstaltungen: %(name)s") % {"name": actor.name},
        filename=f"{actor.slug}.ics",
    )


@require_safe
@conditional_get
def network_calendar(request, slug):
    network = get_object_or_404(Network.objects.published(), slug=slug)
    return calendar_response(
        _upcoming().with_members_of(network.slug),
        name=_("Veranstaltungen: %(name)s") % {"name": network.name},
        filename=f"{network.slug}.ics",
    )


@require_safe
@conditional_get
def event_ics(request, slug):
    """One event as a downloadable .ics file (events:ics)."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    if not is_calendarable(event):
        raise Http404(_("Für diese Veranstaltung ist kein genauer Tag bekannt."))
    return calendar_response([event], name=event.title, filename=f"{event.slug}.ics", download=True)
