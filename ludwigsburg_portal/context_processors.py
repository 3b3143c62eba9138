from django.conf import settings
from django.utils.http import urlencode

from .site import absolute


def portal(request):
    """Values every page template needs (canonical URLs, site name)."""
    return {
        "SITE_URL": settings.SITE_URL,
        "canonical_url": canonical_url(request),
    }


def canonical_url(request) -> str:
    """The page's address without tracking or filter parameters, but keeping the page
    number: page 2 of a list is its own page, not a copy of page 1."""
    url = absolute(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += "?" + urlencode({"page": page})
    return url
