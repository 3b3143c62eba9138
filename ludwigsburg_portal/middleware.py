"""Operations middleware: request ids, the JSON access log, and a German 503 page
while the database is unreachable. Also the small callables django-axes uses, and the
redirect of a successful POST to its status message."""

import ipaddress
import logging
import re
import sys
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import request_finished
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.functional import empty
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults

from ludwigsburg_portal.logging import request_id_var, safe_path

access_logger = logging.getLogger("ludwigsburg_portal.access")
logger = logging.getLogger(__name__)

# Errors that mean "the database is not there right now" (restart, failover,
# network): the request is answered with 503 and the next one reconnects.
DATABASE_ERRORS = (OperationalError, InterfaceError)

# An incoming X-Request-ID (set by nginx) is reused only when it looks like one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
RETRY_AFTER_SECONDS = 5


class RequestIdMiddleware:
    """Outermost middleware: gives every request an id (X-Request-ID in and out),
    logs one JSON line per request and turns database outages in views into 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        # Stays set until the response is closed (request_finished), so Django's own
        # "Not Found"/"Internal Server Error" lines, logged after the middleware, carry it.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        access_logger.info(
            "request",
            extra={
                "method": request.method,
                "path": safe_path(request.path),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_kind": _user_kind(request),
            },
        )
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request, exception)
        return None


@receiver(request_finished, dispatch_uid="ludwigsburg_portal.request_id_reset")
def _forget_request_id(**kwargs):
    request_id_var.set("-")


def _user_kind(request) -> str:
    """Anonymous, user or staff: enough to read the logs, no names. Only a user that
    the request already loaded is looked at, so the log line costs no query."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return "-"
    if not user.is_authenticated:
        return "anonymous"
    return "staff" if user.is_staff else "user"


def database_unavailable(request, exception=None) -> HttpResponse:
    """German (or English under /en/) 503 page that touches neither the database
    nor any context processor, with Retry-After so clients and proxies back off."""
    logger.warning(
        "database unavailable",
        extra={
            "error": type(exception).__name__ if exception else "",
            "path": safe_path(request.path),
        },
    )
    context = {"retry_after": RETRY_AFTER_SECONDS, "request_id": request_id_var.get()}
    try:
        # Rendered without the request: no context processor may query the database.
        content = render_to_string("503.html", context)
    except Exception:  # any template problem falls back to the plain page
        content = _fallback_page(
            title=_("Vorübergehend nicht erreichbar"),
            text=_(
                "Das Eine-Welt-Portal ist gerade nicht erreichbar, weil die Datenbank neu "
                "startet. Bitte laden Sie die Seite in wenigen Sekunden neu."
            ),
        )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, template_name="500.html"):
    """handler500: a database outage anywhere (middleware, templates) is a 503."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return database_unavailable(request, exception)
    return defaults.server_error(request, template_name=template_name)


def _fallback_page(*, title: str, text: str, link: tuple[str, str] | None = None) -> str:
    """A page that needs neither templates nor the database; ``link`` = (url, text) is
    the way on that the text names (a text that says "reset your password" links there)."""
    way_on = ""
    if link and link[0]:
        way_on = f'<p><a href="{escape(link[0])}">{escape(link[1])}</a></p>'
    return (
        f'<!DOCTYPE html><html lang="{escape(get_language() or settings.LANGUAGE_CODE)}">'
        f'<head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width, initial-scale=1"><title>{escape(title)} – '
        f"Eine-Welt-Portal Ludwigsburg</title></head><body><main><h1>{escape(title)}</h1>"
        f"<p>{escape(text)}</p>{way_on}</main></body></html>"
    )


def _reset_password_url() -> str:
    try:
        return reverse("account_reset_password")
    except NoReverseMatch:  # allauth's URLs are not installed
        return ""


# --- Status message after a POST ------------------------------------------------------

# The id of the status message region (templates/includes/messages.html).
MESSAGE_FRAGMENT = "meldung"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class MessageFragmentMiddleware:
    """A form sent successfully is answered by a message and a redirect (post/redirect/get).
    The redirect then ends in ``#meldung``: the browser scrolls the message into view and
    focuses it (tabindex="-1"), also without JavaScript, instead of leaving the reader at
    the form they sent, possibly far below the message. Any other fragment the view chose
    gives way. The admin keeps its own message list and is left alone, and so are
    redirects to other hosts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code in REDIRECT_STATUSES
            and getattr(getattr(request, "_messages", None), "added_new", False)
            and not _is_admin(request)
        ):
            parts = urlsplit(response["Location"])
            if not parts.netloc or parts.netloc == request.get_host():
                response["Location"] = urlunsplit(parts._replace(fragment=MESSAGE_FRAGMENT))
        return response


def _is_admin(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and "admin" in match.namespaces


# --- django-axes callables -------------------------------------------------------


def login_name(request, credentials=None) -> str | None:
    """The name tried at login, for the admin (username) and allauth (login/email).
    Lower-cased so that changing the case does not reset the counter."""
    for source in (credentials or {}, getattr(request, "POST", {}) or {}):
        for key in ("username", "login", "email"):
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return None


def client_ip(request) -> str | None:
    """The client's address: the one rule every limiter keys on (django-axes,
    allauth's rate limits through the account adapter, the self-service forms).

    Each of the TRUSTED_PROXY_COUNT proxies in front of gunicorn appends the
    address it saw to X-Forwarded-For, so the client is the hop that many places
    from the right; anything further left was written by the client and is
    ignored. With fewer hops than proxies (a proxy skipped), every hop was
    written by one of ours and the leftmost is the best-known client. Without a
    trusted proxy, or with a hop that is no address, the socket address counts.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if not hops:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-min(count, len(hops))]))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    content = _fallback_page(
        title=_("Zu viele Anmeldeversuche"),
        text=_(
            "Nach mehreren falschen Passwörtern ist die Anmeldung für diesen Namen von Ihrem "
            "Anschluss aus für %(minutes)d Minuten gesperrt. Bitte versuchen Sie es danach "
            "erneut oder setzen Sie Ihr Passwort zurück."
        )
        % {"minutes": minutes},
        link=(_reset_password_url(), _("Passwort zurücksetzen")),
    )
    response = HttpResponse(content, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


# --- Second factor for staff -------------------------------------------------------


class StaffSecondFactorMiddleware:
    """With MFA_REQUIRED_FOR_STAFF on, the admin is reached only with a second factor:
    its password-only login form is replaced by allauth's login (which asks for the
    TOTP code), and staff without an authenticator are sent to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.MFA_REQUIRED_FOR_STAFF and "allauth.mfa" in settings.INSTALLED_APPS:
            redirect = self._redirect(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    @staticmethod
    def _redirect(request):
        from allauth.mfa.models import Authenticator
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        admin_root = reverse("admin:index")
        if not request.path.startswith(admin_root):
            return None
        if request.path == reverse("admin:login"):
            next_url = request.GET.get("next") or admin_root
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        user = request.user
        if (
            user.is_authenticated
            and user.is_staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.info(
                request,
                _(
                    "Für die Verwaltung ist ein zweiter Faktor nötig. Bitte richten Sie "
                    "jetzt eine Authenticator-App ein."
                ),
            )
            return redirect("mfa_activate_totp")
        return None
