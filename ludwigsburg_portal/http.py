"""HTTP helpers shared by every machine-readable endpoint (API, feeds, calendars, exports)."""

from django.middleware.http import ConditionalGetMiddleware
from django.utils.decorators import decorator_from_middleware

# ETag from the response body; a GET with a matching If-None-Match gets 304 Not
# Modified without a body, so pollers (calendar apps, feed readers, partner sites)
# pay for a full response only when something changed.
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)
