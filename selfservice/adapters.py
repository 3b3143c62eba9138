from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from ludwigsburg_portal.middleware import client_ip

from .tasks import deliver_mail


class AccountAdapter(DefaultAccountAdapter):
    """allauth's mails (verification, login code, password reset) go through the
    same durable background queue as ours instead of a synchronous SMTP call, and
    its rate limits count per client by the portal's one trusted-proxy rule."""

    def get_client_ip(self, request) -> str:
        # Behind nginx the socket address is nginx itself: keyed on it, one visitor's
        # failed logins would lock login, password reset and login codes for everyone.
        ip = client_ip(request)
        if not ip:
            return super().get_client_ip(request)
        return ip

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        ctx = {
            "request": allauth_context.request,
            "email": email,
            # allauth's mails greet "Hallo von {{ current_site.name }}"; without
            # django.contrib.sites that would be the bare host name.
            "current_site": SimpleNamespace(
                name=gettext("Eine-Welt-Portal Ludwigsburg"),
                domain=urlsplit(settings.SITE_URL).netloc,
            ),
            **context,
        }
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        subject, body, to = message.subject, message.body, list(message.to)
        transaction.on_commit(
            lambda: deliver_mail.enqueue(subject=subject, body=body, to=to, html=html)
        )
