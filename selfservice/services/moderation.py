"""Staff decisions on proposals (submissions, revisions, claims, event proposals).

:func:`_decide` records a decision once, under a row lock; every approve/reject
service calls it after locking the public record it changes.
"""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ludwigsburg_portal.people import display_name

from ..mail import absolute
from ..models import ModerationState


def _decide(item, *, state: str, by, reason: str = "", now=None) -> None:
    """Record staff's decision on ``item``, once.

    The row is re-read under a lock, so of two staff members deciding at the same
    moment the second waits for the first and is then told it is decided: one
    decision, one mail. Callers lock the public record (actor, event) first, then
    the proposal here; one lock order everywhere, so decisions and bulk actions
    never deadlock. ``item`` is refreshed in place."""
    if state == ModerationState.REJECTED and not reason.strip():
        raise ValidationError(_("Bitte geben Sie eine Begründung an."), code="reason")
    item.refresh_from_db(from_queryset=type(item)._default_manager.select_for_update())
    if item.state == ModerationState.UNCONFIRMED:
        raise ValidationError(
            _("Die E-Mail-Adresse dazu ist noch nicht bestätigt."), code="unconfirmed"
        )
    if not item.is_pending:
        raise ValidationError(
            _("Darüber wurde schon entschieden: „%(state)s“ von %(by)s.")
            % {
                "state": item.get_state_display(),
                "by": display_name(item.decided_by) if item.decided_by else _("unbekannt"),
            },
            code="decided",
        )
    item.state = state
    item.reason = reason.strip()
    item.decided_by = by
    item.decided_at = now or timezone.now()
    item.save()


def _admin_url(item) -> str:
    meta = item._meta
    return absolute(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[item.pk]))
