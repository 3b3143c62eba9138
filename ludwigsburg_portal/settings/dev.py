"""Local development: DEBUG on, console e-mail, a fixed insecure key."""

from ludwigsburg_portal.env import env_bool, env_str, require_real_secret_key

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "") or "django-insecure-development-only-key"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

require_real_secret_key(SECRET_KEY, debug=DEBUG)
