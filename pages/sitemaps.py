"""sitemap.xml: static pages and every published actor, network and event, in both languages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from actors.models import Actor
from events.models import Event
from networks.models import Network


class I18nSitemap(Sitemap):
    # One <url> per language with hreflang alternates (German at /, English at /en/).
    # The limit counts URLs (record × language): 5,000 keeps each file small and quick.
    limit = 5000
    i18n = True
    alternates = True
    x_default = True


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
        ]

    def location(self, item):
        return reverse(item)


class ActorSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Actor.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, item):
        return item.updated


class NetworkSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Network.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, item):
        return item.updated


class EventSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Event.objects.published().only("slug", "updated").order_by("pk")

    def lastmod(self, item):
        return item.updated


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "actors": ActorSitemap,
    "networks": NetworkSitemap,
    "events": EventSitemap,
}
