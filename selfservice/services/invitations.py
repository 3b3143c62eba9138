"""Editors invite further editors by e-mail."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor

from ..mail import absolute, schedule_mail
from ..models import EditorInvitation
from .accounts import trusted_emails, verified_address

# --- Editors invite editors -------------------------------------------------------


def is_editor_address(*, actor: Actor, email: str) -> bool:
    """``email`` is an address one of the actor's editors verified: inviting it is pointless."""
    return any(email.lower() in trusted_emails(editor) for editor in actor.editors.all())


@transaction.atomic
def invitation_create(*, actor: Actor, email: str, by) -> EditorInvitation:
    if is_editor_address(actor=actor, email=email):
        raise ValidationError(_("Diese Person bearbeitet das Profil bereits."), code="editor")
    invitation = EditorInvitation(actor=actor, email=email.lower(), invited_by=by)
    invitation.full_clean()
    invitation.save()
    schedule_mail(
        template="invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "accept_url": absolute(invitation.get_absolute_url()),
            "days": settings.SELFSERVICE_TOKEN_DAYS,
        },
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: EditorInvitation, user, now=None) -> None:
    now = now or timezone.now()
    invitation = EditorInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open(now=now):
        raise ValidationError(
            _("Diese Einladung ist abgelaufen oder schon benutzt."), code="closed"
        )
    # The link went to one address; whoever holds it must also hold that address.
    if verified_address(user=user, email=invitation.email) is None:
        raise ValidationError(
            _(
                "Diese Einladung gilt für die E-Mail-Adresse %(email)s. Bitte melden Sie sich "
                "mit dieser Adresse an – oder fügen Sie sie unter „E-Mail-Adressen“ Ihrem Konto "
                "hinzu und bestätigen Sie sie über den Link, den wir Ihnen dann schicken."
            ),
            code="address",
            params={"email": invitation.email},
        )
    invitation.actor.editors.add(user)
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save()
