"""Cache of anonymous pages, shared by every instance through Redis.

A page is cached under the current *page version*. Any change a visitor could
see bumps the version, so every instance misses at once and renders afresh:

- post_save / post_delete / m2m_changed on the public models (cache invalidation is
  not business logic, so signals are the right tool here). Each app names the models
  its public pages show with :func:`invalidate_pages_on` in its ``AppConfig.ready()``;
  the cache itself knows no app;
- every successful non-GET request of a logged-in user (a safety net for writes
  that send no signals, such as ``QuerySet.update()``; status changes go through
  :func:`~ludwigsburg_portal.publication.set_status`, which saves row by row).

Never cached: requests with a session or messages cookie (logged-in users,
pending messages), responses that set a cookie or carry a CSRF token, a CSP nonce,
``Cache-Control: private/no-cache/no-store``, or any status other than 200.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import versioned

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
_UNCACHEABLE = ("private", "no-cache", "no-store")
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def page_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh start (or Redis evicted the key): a time-based version never
        # meets pages cached under an earlier one.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def bump_page_version() -> None:
    """Make every cached page stale, on every instance sharing the cache, and advance
    the data version of what the processes keep in memory (``versioned``)."""
    try:
        versioned.bump_data_version()
    except Exception:  # the write is committed; never fail it afterwards
        logger.warning("data version could not be advanced", exc_info=True)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the key is missing
        cache.set(VERSION_KEY, time.time_ns() // 1000, timeout=None)
    except Exception:  # the cache being down must not fail the write
        logger.warning("page cache version could not be bumped", exc_info=True)


def _bump_after_commit(**kwargs) -> None:
    # After commit: bumping earlier would let a concurrent request cache the old data.
    # This process forgets its memory at once, so it sees its own write before the commit.
    versioned.forget_uncommitted()
    transaction.on_commit(bump_page_version)


# The models registered with invalidate_pages_on(); m2m_changed is filtered by them.
_invalidating_models: set[type] = set()


def _bump_if_public_model(sender, instance, **kwargs) -> None:
    if isinstance(instance, tuple(_invalidating_models)):
        _bump_after_commit()


def invalidate_pages_on(*models: type) -> None:
    """Any change to a row of ``models`` (saved, deleted, its many-to-many links
    changed) makes every cached page stale. Calling it twice is harmless."""
    for model in models:
        _invalidating_models.add(model)
        uid = f"page-cache:{model._meta.label}"
        post_save.connect(_bump_after_commit, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(_bump_after_commit, sender=model, dispatch_uid=uid + ":delete")
    # m2m through tables are many and partly auto-created: filter by the instance.
    m2m_changed.connect(_bump_if_public_model, dispatch_uid="page-cache:m2m")


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and getattr(request, "_csp_nonce", None) is None
        and not any(word in cache_control for word in _UNCACHEABLE)
    )


def _page_key(request, version: int) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"page-cache:{version}:{hashlib.sha256(url.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    """Serves anonymous GET requests from the shared cache (``X-Page-Cache: hit``).
    Off when PAGE_CACHE_SECONDS is 0 (the default without Redis)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _cacheable_request(request):
            response = self.get_response(request)
            if request.method not in _SAFE_METHODS and response.status_code < 400:
                user = getattr(request, "user", None)
                if user is not None and user.is_authenticated:
                    bump_page_version()
            return response

        try:
            key = _page_key(request, page_version())
            cached = cache.get(key)
        except Exception:  # a cache outage degrades to uncached pages
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached

        response = self.get_response(request)
        if _cacheable_response(request, response):
            try:
                cache.set(key, response, seconds)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response
