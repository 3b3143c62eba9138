"""Keeping profiles current: reminder mails, confirming and archiving a profile."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor
from ludwigsburg_portal.publication import PublicationStatus, set_status

from ..mail import absolute, schedule_mail, schedule_staff_mail
from ..models import ProfileReminder
from ..tokens import make_reminder_token
from .accounts import account_email
from .moderation import _admin_url

User = get_user_model()


# --- Keeping profiles current -----------------------------------------------------


def reminders_send(*, now=None) -> int:
    """One "is your profile still current?" mail per editor and period.

    Safe to run as often as wanted (daily from cron or a systemd timer): an
    editor who got a reminder within ``PROFILE_REMINDER_DAYS`` gets none."""
    now = now or timezone.now()
    period = timedelta(days=settings.PROFILE_REMINDER_DAYS)
    due = Actor.objects.confirmation_overdue(days=settings.PROFILE_REMINDER_DAYS, now=now)
    sent = 0
    for user_id in (
        User.objects.filter(edited_actors__in=due, is_active=True)
        .distinct()
        .values_list("pk", flat=True)
    ):
        with transaction.atomic():
            # The row lock makes two overlapping runs send one mail, not two.
            user = User.objects.select_for_update().get(pk=user_id)
            # Its links open the profile without a password: only to the account's own address.
            email = account_email(user)
            if (
                not email
                or ProfileReminder.objects.filter(user=user, sent_at__gt=now - period).exists()
            ):
                continue
            actors = list(due.filter(editors=user).order_by("name"))
            reminder = ProfileReminder.objects.create(user=user, sent_at=now)
            reminder.actors.set(actors)
            links = []
            for actor in actors:
                token = make_reminder_token(actor_id=actor.pk, user_id=user.pk)
                links.append(
                    {
                        "actor": actor,
                        "url": absolute(reverse("selfservice:reminder", kwargs={"token": token})),
                    }
                )
            schedule_mail(
                template="reminder",
                to=[email],
                context={
                    "user": user,
                    "links": links,
                    "link_days": settings.PROFILE_REMINDER_LINK_DAYS,
                },
            )
            sent += 1
    return sent


@transaction.atomic
def profile_confirm(*, actor: Actor, by, now=None) -> None:
    actor.last_confirmed_at = now or timezone.now()
    actor._history_user = by
    actor.save()


@transaction.atomic
def profile_archive(*, actor: Actor, by) -> None:
    set_status(
        obj_or_queryset=actor,
        status=PublicationStatus.ARCHIVED,
        by=by,
        reason=_("Von der Redaktion archiviert"),
    )
    schedule_staff_mail(
        template="staff_archived", context={"actor": actor, "admin_url": _admin_url(actor)}
    )
