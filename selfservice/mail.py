"""Self-service e-mails: templates in ``templates/selfservice/mail/``, sent through
the portal's outgoing mail (:mod:`ludwigsburg_portal.mail`)."""

from django.conf import settings

from ludwigsburg_portal import mail
from ludwigsburg_portal.site import absolute

__all__ = ["absolute", "schedule_mail", "schedule_staff_mail"]


def schedule_mail(*, template: str, to: list[str], context: dict, user=None):
    """Render ``selfservice/mail/<template>_subject.txt`` and ``_body.txt`` now and
    queue them; sent once the surrounding transaction commits."""
    subject, body = mail.render_mail(f"selfservice/mail/{template}", context)
    return mail.schedule_mail(to=to, subject=subject, body=body, user=user)


def schedule_staff_mail(*, template: str, context: dict, user=None):
    return schedule_mail(
        template=template, to=list(settings.STAFF_NOTIFICATION_EMAILS), context=context, user=user
    )
