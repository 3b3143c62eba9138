"""Machine-readable SEO routes, outside the language prefix: /sitemap.xml and /robots.txt.

/sitemap.xml is an index of one sitemap per section (pages, actors, networks, events), each
split into files of 1,000 URLs, so 10,000 actors and 20,000 events in two
languages stay within the protocol's 50,000 URLs per file.
"""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from .sitemaps import SITEMAPS
from .views import RobotsTxtView

urlpatterns = [
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", RobotsTxtView.as_view(), name="robots_txt"),
]
