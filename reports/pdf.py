"""PDF from the report page's HTML with a print stylesheet (WeasyPrint).

Nothing is fetched from anywhere: the stylesheet comes from the project's static
files, charts are inline SVG, fonts are the system's (DejaVu on Debian), and every
other URL is refused.
"""

import logging
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from .layout import blocks

# WeasyPrint logs every rendering step at INFO; its warnings (a refused URL) stay visible.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(*, data: dict, title: str, introduction="", outlook="", public=False) -> bytes:
    from weasyprint import HTML

    with translation.override(data["language"]):
        html = render_to_string(
            "reports/report_pdf.html",
            {
                "title": title,
                "data": data,
                "blocks": blocks(data, introduction=introduction, outlook=outlook, public=public),
            },
        )
    return HTML(
        string=html, base_url=settings.SITE_URL + "/", url_fetcher=_static_fetcher()
    ).write_pdf()


def _static_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesOnly(URLFetcher):
        """Serves the project's static files from disk and refuses everything else."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            site = urlsplit(settings.SITE_URL)
            if (parts.scheme, parts.netloc) == (site.scheme, site.netloc) and parts.path.startswith(
                settings.STATIC_URL
            ):
                path = finders.find(parts.path.removeprefix(settings.STATIC_URL))
                if path:
                    with open(path, "rb") as file:
                        body = file.read()
                    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
            raise ValueError(f"not fetched (reports load only local static files): {url}")

    return StaticFilesOnly(allowed_protocols={"http", "https", "data"})
