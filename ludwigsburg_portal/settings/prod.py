"""Production: refuses to start without its secrets."""

from ludwigsburg_portal.env import env_bool, env_required, require_real_secret_key

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
