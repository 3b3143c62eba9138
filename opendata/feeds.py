"""Atom and RSS feeds of newly published actors and events (django.contrib.syndication).

"Newly published" is ordered by the record's creation time: the models have no
publication timestamp yet, and records usually go public soon after creation.

What the portal stores is plain text. RSS ``<description>`` and Atom
``<summary type="html">`` are HTML, so the descriptions here are that plain text
HTML-escaped by us: a stored ``<img onerror=…>`` arrives in a feed reader as the
characters it is, never as an element. Titles are plain text in both formats and
only need the XML escaping the feed generator does. Control characters, which XML
1.0 cannot carry at all, are dropped from every text.

The English feeds (under /en/) carry the English texts where given; an entry whose
text is German there says so with ``xml:lang="de"`` (the feed itself is ``en``).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from events.dates import format_event_date
from events.models import Event
from ludwigsburg_portal.content_language import localized
from ludwigsburg_portal.http import conditional_get
from ludwigsburg_portal.plaintext import without_control_characters

FEED_LENGTH = 50


def feed_text(value) -> str:
    """Plain text for an XML element that holds plain text (titles, categories)."""
    return without_control_characters(str(value))


def feed_html(value) -> str:
    """Plain text for an element that feed readers render as HTML (descriptions)."""
    return escape(feed_text(value))


class LanguageTaggedItems:
    """Feed generator part: an item in another language than the feed gets ``xml:lang``.

    ``xml:lang`` is XML's own attribute, allowed on any element: Atom defines it for
    entries, and RSS readers that honour it (feedparser does) read it on ``<item>``."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        language = item.get("text_language")
        if language and language != self.feed.get("language"):
            attributes["xml:lang"] = language
        return attributes


class PortalRss(LanguageTaggedItems, Rss201rev2Feed):
    def rss_attributes(self):
        # Atom's root carries xml:lang; the same on <rss> tells readers the language of
        # every item that does not say otherwise (besides RSS's own <language>).
        attributes = super().rss_attributes()
        if self.feed.get("language"):
            attributes["xml:lang"] = self.feed["language"]
        return attributes


class PortalAtom(LanguageTaggedItems, Atom1Feed):
    pass


class PortalFeed(Feed):
    feed_type = PortalRss
    kind = ""

    @method_decorator(conditional_get)
    def __call__(self, request, *args, **kwargs):
        return super().__call__(request, *args, **kwargs)

    def feed_copyright(self):
        return settings.OPEN_DATA_LICENSE_NAME

    def item_guid(self, item):
        # A tag URI with the primary key: stays the same when a slug is corrected.
        domain = settings.ICAL_UID_DOMAIN
        return f"tag:{domain},2026:{self.kind}-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated

    def item_text_language(self, item) -> str:
        return ""

    def item_extra_kwargs(self, item):
        return {"text_language": self.item_text_language(item)}


class ActorRssFeed(PortalFeed):
    kind = "actor"
    title = _("Neue Akteure – Eine-Welt-Portal Ludwigsburg")
    description = _("Neu veröffentlichte Akteure der Eine-Welt-Arbeit in Ludwigsburg.")

    def link(self):
        return reverse("actors:list")

    def items(self):
        actors = Actor.objects.published().prefetch_related("tags", "tags__translation")
        return actors.order_by("-created", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return feed_text(item.name)

    def item_description(self, item):
        return feed_html(localized(item, "teaser") or item.get_kind_display())

    def item_text_language(self, item) -> str:
        # The teaser is the entry's text; without one it is the kind, in the feed's language.
        return localized(item, "teaser").lang if item.teaser else ""

    def item_categories(self, item):
        topics = sorted(str(localized(tag, "name")) for tag in item.tags.all())
        return [feed_text(name) for name in [item.get_kind_display(), *topics]]


class ActorAtomFeed(ActorRssFeed):
    feed_type = PortalAtom
    subtitle = ActorRssFeed.description


class EventRssFeed(PortalFeed):
    kind = "event"
    title = _("Neue Veranstaltungen – Eine-Welt-Portal Ludwigsburg")
    description = _("Neu veröffentlichte Veranstaltungen der Eine-Welt-Arbeit in Ludwigsburg.")

    def link(self):
        return reverse("events:list")

    def items(self):
        return Event.objects.published().order_by("-created", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return feed_text(localized(item, "title"))

    def item_text_language(self, item) -> str:
        return localized(item, "title").lang

    def item_description(self, item):
        where = item.location or (_("online") if item.online else "")
        parts = [format_event_date(item).start_text, str(where)]
        return feed_html(" · ".join(part for part in parts if part))

    def item_categories(self, item):
        return [feed_text(item.get_level_display())]


class EventAtomFeed(EventRssFeed):
    feed_type = PortalAtom
    subtitle = EventRssFeed.description
