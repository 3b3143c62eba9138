"""Writes with side effects for the pages app."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import AccessibilityFeedback

logger = logging.getLogger(__name__)


def feedback_submit(
    *, message: str, name: str = "", email: str = "", page_url: str = ""
) -> AccessibilityFeedback:
    """Store the feedback first; notify staff only after the row is committed.

    A failing mail server must not lose the message: it stays in the admin list
    and the failure is logged.
    """
    feedback = AccessibilityFeedback(message=message, name=name, email=email, page_url=page_url)
    feedback.full_clean()
    with transaction.atomic():
        feedback.save()
        transaction.on_commit(lambda: _notify_staff(feedback))
    return feedback


def _notify_staff(feedback: AccessibilityFeedback) -> None:
    admin_url = settings.SITE_URL + reverse(
        "admin:pages_accessibilityfeedback_change", args=[feedback.pk]
    )
    body = "\n".join(
        [
            _("Neue Rückmeldung zur Barrierefreiheit im Eine-Welt-Portal:"),
            "",
            feedback.message,
            "",
            _("Seite: %s") % (feedback.page_url or "–"),
            _("Name: %s") % (feedback.name or "–"),
            _("E-Mail: %s") % (feedback.email or "–"),
            "",
            _("In der Verwaltung ansehen: %s") % admin_url,
        ]
    )
    try:
        EmailMessage(
            subject=_("Rückmeldung zur Barrierefreiheit"),
            body=body,
            to=settings.STAFF_NOTIFICATION_EMAILS,
            reply_to=[feedback.email] if feedback.email else None,
        ).send()
    except Exception:
        logger.exception(
            "Could not e-mail accessibility feedback %s to staff; it is stored in the admin.",
            feedback.pk,
        )
