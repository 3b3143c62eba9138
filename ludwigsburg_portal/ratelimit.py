"""Fixed-window rate limits for the public forms, in Django's cache (shared Redis in
production).

A view counts each attempt with :func:`hit`; when it is over the limit it shows
:func:`add_rate_limit_error` on the form and answers HTTP 429.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(*, scope: str, value: str | None) -> bool:
    """Count one attempt; True when ``value`` has exceeded the limit in this window."""
    if not value:
        return False
    key = _key(scope, value)
    cache.add(key, 0, timeout=settings.SELFSERVICE_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.SELFSERVICE_RATE_WINDOW)
        count = 1
    return count > settings.SELFSERVICE_RATE_LIMIT


def add_rate_limit_error(form) -> None:
    """The explanation shown above a form that was sent too often."""
    form.add_error(
        None,
        _(
            "Von Ihrem Anschluss oder für diese E-Mail-Adresse kamen gerade sehr viele "
            "Einsendungen. Bitte versuchen Sie es in einer Stunde noch einmal."
        ),
    )
