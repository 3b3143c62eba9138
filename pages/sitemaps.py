"""sitemap.xml: static pages and every published actor, network and event, in both languages."""

from collections.abc import Sequence

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from actors.models import Actor
from events.models import Event
from networks.models import Network


class LanguagePairs(Sequence):
    """(record, language) pairs of a queryset, fetched one page at a time.

    Django's i18n sitemaps build this list in memory for all records; with 20,000
    events that makes every sitemap request load every row. Here the length is a
    COUNT and a page slice fetches only the records it needs.
    """

    def __init__(self, queryset: QuerySet, languages: list[str]):
        self.queryset = queryset
        self.languages = languages
        self._count = None

    def __len__(self):
        if self._count is None:
            self._count = self.queryset.count() * len(self.languages)
        return self._count

    def __getitem__(self, index):
        per_record = len(self.languages)
        if isinstance(index, int):
            record = self.queryset[index // per_record]
            return record, self.languages[index % per_record]
        start, stop, step = index.indices(len(self))
        first, last = start // per_record, -(-stop // per_record)
        pairs = [(obj, code) for obj in self.queryset[first:last] for code in self.languages]
        offset = start - first * per_record
        return pairs[offset : offset + stop - start : step]


class I18nSitemap(Sitemap):
    # One <url> per language with hreflang alternates (German at /, English at /en/).
    # The limit counts URLs (record × language): 1,000 per file renders in well under a second.
    limit = 1000
    i18n = True
    alternates = True
    x_default = True

    def _items(self):
        items = self.items()
        if isinstance(items, QuerySet):
            return LanguagePairs(items, self._languages())
        return super()._items()


class RecordSitemap(I18nSitemap):
    """Published records of one model, newest change as the section's lastmod."""

    changefreq = "monthly"

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        # One aggregate instead of Django's max() over every loaded record.
        return self.items().aggregate(latest=Max("updated"))["latest"]


class StaticPagesSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "pages:home",
            "actors:list",
            "networks:list",
            "events:list",
            "pages:office",
            "pages:easy_language",
            "pages:accessibility",
            "pages:imprint",
            "pages:privacy",
            "opendata:index",
            "opendata:api_reference",
        ]

    def location(self, item):
        return reverse(item)


class ActorSitemap(RecordSitemap):
    def items(self):
        return Actor.objects.published().only("slug", "updated").order_by("pk")


class NetworkSitemap(RecordSitemap):
    def items(self):
        return Network.objects.published().only("slug", "updated").order_by("pk")


class EventSitemap(RecordSitemap):
    def items(self):
        return Event.objects.published().only("slug", "updated").order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "actors": ActorSitemap,
    "networks": NetworkSitemap,
    "events": EventSitemap,
}
