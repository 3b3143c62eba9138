from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ludwigsburg_portal"
    verbose_name = "Eine-Welt-Portal Ludwigsburg"

    def ready(self):
        from django.contrib.auth import get_user_model

        from .people import display_name

        # The portal keeps Django's own User (a custom user model would mean moving
        # every foreign key to it). Its __str__ is the user name, which is generated
        # and shown wherever a user appears without a template choosing a field:
        # admin columns ("von", "entschieden von"), selectors, the history's
        # "geändert von". There it becomes the person's name or address.
        get_user_model().__str__ = display_name

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
