"""Claims of existing profiles: a person asks to become editor, staff decide."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actors.models import Actor

from ..mail import schedule_mail, schedule_staff_mail
from ..models import Claim, ModerationState
from .accounts import _account_links, account_email
from .moderation import _admin_url, _decide

# --- Claims of existing profiles --------------------------------------------------


@transaction.atomic
def claim_create(*, actor: Actor, user, name: str, message: str) -> Claim:
    if actor.is_edited_by(user):
        raise ValidationError(_("Sie bearbeiten dieses Profil bereits."), code="editor")
    claim = Claim(actor=actor, user=user, name=name, message=message)
    claim.full_clean()
    claim.save()
    schedule_staff_mail(
        template="staff_claim",
        context={"claim": claim, "admin_url": _admin_url(claim)},
        user=user,
    )
    return claim


@transaction.atomic
def claim_approve(*, claim: Claim, by, now=None) -> None:
    _decide(claim, state=ModerationState.APPROVED, by=by, now=now)
    claim.actor.editors.add(claim.user)
    schedule_mail(
        template="claim_approved",
        to=[account_email(claim.user)],
        context={"claim": claim, **_account_links()},
    )


@transaction.atomic
def claim_reject(*, claim: Claim, by, reason: str, now=None) -> None:
    _decide(claim, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    schedule_mail(
        template="claim_rejected", to=[account_email(claim.user)], context={"claim": claim}
    )
