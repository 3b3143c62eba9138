from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Eine-Welt-Portal Ludwigsburg – Verwaltung")
admin.site.site_title = _("Eine-Welt-Portal Ludwigsburg")
admin.site.index_title = _("Koordinationsstelle kommunale Entwicklungspolitik")

# Routes without a language prefix: machine-readable and technical endpoints.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # Operations: /healthz, /healthz/db, /readyz.
    path("", include("ludwigsburg_portal.health")),
    # SEO (pages app): /sitemap.xml (index of per-section sitemaps), /robots.txt.
    path("", include("pages.seo_urls")),
    # Open data: read-only JSON API with OpenAPI document and docs.
    path("api/v1/", include("opendata.api.urls")),
]

# German pages live at the root, English ones under /en/.
urlpatterns += i18n_patterns(
    # Reports: /verwaltung/berichte/ (before the admin, which answers all of /verwaltung/)
    # and the published reports under /berichte/.
    path("", include("reports.urls")),
    path("verwaltung/", admin.site.urls),
    path("akteure/", include("actors.urls")),
    path("netzwerke/", include("networks.urls")),
    path("veranstaltungen/", include("events.urls")),
    # The network as a picture (/vernetzung/) and the world map of partner countries.
    path("", include("atlas.urls")),
    path("suche/", include("search.urls")),
    # Association self-service: accounts under /konto/, forms and "Meine Profile".
    path("konto/", include("allauth.urls")),
    path("", include("selfservice.urls")),
    # Open data: /offene-daten/ (feeds, calendars, downloads), /einbetten/ (iframes).
    path("", include("opendata.urls")),
    path("", include("pages.urls")),
    prefix_default_language=False,
)

# Operations: a database outage anywhere is a German 503 page, not a 500.
handler500 = "ludwigsburg_portal.middleware.server_error"

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
