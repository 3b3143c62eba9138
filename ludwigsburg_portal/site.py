"""The public site's address: every full URL the portal writes starts here.

Mails, feeds, calendars, JSON-LD, the API, downloads and embed snippets link to
the portal from outside a request (or for readers elsewhere), so they build their
URLs from ``SITE_URL`` with :func:`absolute`, never by adding strings themselves.
"""

from django.conf import settings


def absolute(path: str) -> str:
    """``path`` as a full URL on the public site (for mails, feeds, outside requests)."""
    return f"{settings.SITE_URL}{path}"
