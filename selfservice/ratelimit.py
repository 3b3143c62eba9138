"""Fixed-window rate limits in Django's cache (shared Redis in production)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"selfservice:rate:{scope}:{digest}"


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
