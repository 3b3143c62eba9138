from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ludwigsburg_portal"
    verbose_name = "Eine-Welt-Portal Ludwigsburg"

    def ready(self):
        from . import worklist
        from .models import MailState, OutgoingMail

        # Mails the worker gave up on: the person never got them.
        worklist.register(
            key="failed_mail",
            order=70,
            label=_("Endgültig fehlgeschlagene E-Mails"),
            empty_label=_("Keine fehlgeschlagenen E-Mails"),
            queryset=lambda: OutgoingMail.objects.filter(state=MailState.FAILED),
            url_name="admin:ludwigsburg_portal_outgoingmail_changelist",
            query={"state__exact": MailState.FAILED.value},
            permission="ludwigsburg_portal.view_outgoingmail",
        )
