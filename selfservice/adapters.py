from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext

from ludwigsburg_portal.mail import schedule_mail
from ludwigsburg_portal.middleware import client_ip

from .models import EditorInvitation


def account_for(email: str):
    """The account an address belongs to, if any (login-code mails name no user)."""
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address:
        return address.user
    return get_user_model().objects.filter(email__iexact=email).first()


class AccountAdapter(DefaultAccountAdapter):
    """allauth's mails (verification, login code, password reset) go through the
    same outgoing mail as ours: sealed, queued, retried, never shown to staff; and
    its rate limits count per client by the portal's one trusted-proxy rule."""

    def get_client_ip(self, request) -> str:
        # Behind nginx the socket address is nginx itself: keyed on it, one visitor's
        # failed logins would lock login, password reset and login codes for everyone.
        ip = client_ip(request)
        if not ip:
            return super().get_client_ip(request)
        return ip

    def get_email_verification_redirect_url(self, email_address) -> str:
        """Confirming an address someone invited leads to that invitation, wherever the
        link was opened: straight after sign-up in another browser, or after adding the
        address to an existing account. (In the browser that signed up, allauth goes
        back to the sign-up's ``next``, the invitation itself.)"""
        invitation = EditorInvitation.objects.open().for_addresses([email_address.email]).first()
        if invitation is not None:
            return invitation.get_absolute_url()
        return super().get_email_verification_redirect_url(email_address)

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
        user = context.get("user")
        schedule_mail(
            to=list(message.to),
            subject=message.subject,
            body=message.body,
            html=html,
            user=user if getattr(user, "pk", None) else account_for(email),
        )
