"""Writes with side effects for the pages app."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ludwigsburg_portal.mail import schedule_mail
from ludwigsburg_portal.site import absolute

from .models import AccessibilityFeedback


@transaction.atomic
def feedback_submit(
    *, message: str, name: str = "", email: str = "", page_url: str = ""
) -> AccessibilityFeedback:
    """Store the feedback and queue the staff notification with it.

    The mail leaves through the background worker after the commit, so the request
    never waits for the mail server, and a failing one cannot lose the message: it
    stays in the admin list, and the mail is retried.
    """
    feedback = AccessibilityFeedback(message=message, name=name, email=email, page_url=page_url)
    feedback.full_clean()
    feedback.save()
    schedule_mail(
        to=settings.STAFF_NOTIFICATION_EMAILS,
        subject=_("Rückmeldung zur Barrierefreiheit"),
        body=_staff_body(feedback),
        reply_to=[feedback.email] if feedback.email else [],
    )
    return feedback


def _staff_body(feedback: AccessibilityFeedback) -> str:
    admin_url = absolute(reverse("admin:pages_accessibilityfeedback_change", args=[feedback.pk]))
    return "\n".join(
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
