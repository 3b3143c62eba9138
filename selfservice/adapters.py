from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction

from .tasks import deliver_mail


class AccountAdapter(DefaultAccountAdapter):
    """allauth's mails (verification, login code, password reset) go through the
    same durable background queue as ours instead of a synchronous SMTP call."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html = content
        subject, body, to = message.subject, message.body, list(message.to)
        transaction.on_commit(
            lambda: deliver_mail.enqueue(subject=subject, body=body, to=to, html=html)
        )
