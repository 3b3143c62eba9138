"""Test settings: fast hashing, in-memory mail and cache, real PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-used-anywhere-else-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
DOWNLOADS_DIR = VAR_DIR / "test-downloads"  # noqa: F405 (the tests of it use their own)
WHITENOISE_USE_FINDERS = True
# Background tasks run at once inside the test; the mail retry test switches to the
# database backend and runs the worker itself.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No login throttling (client.login() has no request; the axes tests switch it on),
# process-local cache, no page cache unless a test enables it.
AXES_ENABLED = False
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
PAGE_CACHE_SECONDS = 0
# Network pictures and the world map are rendered afresh in every test (the tests of
# their cache switch it on): data of one test must never show up in another's picture.
NETWORK_PICTURE_CACHE_SECONDS = 0
