"""Production: refuses to start without its secrets."""

from ludwigsburg_portal.env import (
    env_bool,
    env_required,
    env_str,
    require_real_secret_key,
)

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_required(
    "SECRET_KEY",
    hint="Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'",
)
require_real_secret_key(SECRET_KEY, debug=DEBUG)

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- HTTPS behind the city's reverse proxy ----------------------------------------
# TLS ends at the proxy, which must send "X-Forwarded-Proto: https" (set
# SECURE_PROXY_SSL_HEADER to another "Header-Name: value", or empty to trust no header).
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https") or ""
if _proxy_header.strip():
    _name, _, _value = _proxy_header.partition(":")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _name.strip().upper().replace("-", "_"), _value.strip())
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Monitoring and load balancers ask over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz", r"^readyz"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Static files: whitenoise serves the hashed names written by the manifest storage
# above with "max-age=315360000, immutable" and the few unhashed ones for a minute.
