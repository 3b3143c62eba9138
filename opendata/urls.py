"""Open-data pages, feeds, calendars, downloads and embeds (inside i18n_patterns)."""

from django.urls import path

from events import calendars

from . import embed, exports, feeds, views

app_name = "opendata"

urlpatterns = [
    path("offene-daten/", views.OpenDataView.as_view(), name="index"),
    # The API reference (from the OpenAPI document), accessible and in both languages.
    path("offene-daten/api/", views.ApiReferenceView.as_view(), name="api_reference"),
    # News feeds of newly published records.
    path("offene-daten/feeds/akteure.atom", feeds.ActorAtomFeed(), name="actors_atom"),
    path("offene-daten/feeds/akteure.rss", feeds.ActorRssFeed(), name="actors_rss"),
    path("offene-daten/feeds/veranstaltungen.atom", feeds.EventAtomFeed(), name="events_atom"),
    path("offene-daten/feeds/veranstaltungen.rss", feeds.EventRssFeed(), name="events_rss"),
    # Subscribable calendars (also reachable as webcal://), served by the events app.
    path("offene-daten/kalender.ics", calendars.upcoming_calendar, name="calendar"),
    path(
        "offene-daten/kalender/akteure/<slug:slug>.ics",
        calendars.actor_calendar,
        name="calendar_actor",
    ),
    path(
        "offene-daten/kalender/netzwerke/<slug:slug>.ics",
        calendars.network_calendar,
        name="calendar_network",
    ),
    # Downloads of the published directory (dl-de/by-2-0).
    path(
        "offene-daten/<slug:dataset>.<str:fmt>",
        exports.download,
        name="download",
    ),
    # Iframe embeds for partner websites and the page that writes the snippet.
    path("offene-daten/einbetten/", embed.SnippetView.as_view(), name="embed_snippet"),
    path("einbetten/akteure/", embed.actor_embed, name="embed_actors"),
    path("einbetten/veranstaltungen/", embed.event_embed, name="embed_events"),
]
