"""Signed, expiring links in the yearly reminder: they act for one profile only.

Pressing "edit" on a reminder page leaves a grant in the session so the edit form
opens without a password. The grant carries the link's own expiry and is checked
on every use: it never outlives the link (``PROFILE_REMINDER_LINK_DAYS``), however
long the session lasts.
"""

from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core import signing
from django.utils import timezone

SALT = "selfservice.reminder"
# Session key: {actor id: {"user": user id, "until": POSIX seconds}} a reminder link unlocked.
GRANTS = "selfservice_token_actors"


class ReminderLink(NamedTuple):
    actor_id: int
    user_id: int
    expires_at: datetime


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_reminder_token(*, actor_id: int, user_id: int) -> str:
    return _signer().sign_object({"a": actor_id, "u": user_id})


def read_reminder_token(token: str) -> ReminderLink | None:
    """The link's actor, user and expiry, or None for a forged, altered or expired token."""
    signer = _signer()
    lifetime = timedelta(days=settings.PROFILE_REMINDER_LINK_DAYS)
    try:
        data = signer.unsign_object(token, max_age=lifetime)
        # value:timestamp:signature; the signature above vouches for the timestamp.
        signed_at = signing.b62_decode(token.rsplit(signer.sep, 2)[-2])
        return ReminderLink(
            actor_id=int(data["a"]),
            user_id=int(data["u"]),
            expires_at=datetime.fromtimestamp(signed_at, tz=UTC) + lifetime,
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, IndexError):
        return None


def grant_edit(session, *, link: ReminderLink) -> None:
    grants = dict(session.get(GRANTS, {}))
    grants[str(link.actor_id)] = {"user": link.user_id, "until": link.expires_at.timestamp()}
    session[GRANTS] = grants


def granted_user_id(session, *, actor_id: int, now=None) -> int | None:
    """The user a reminder link let this session act for on ``actor_id``, while the link
    is valid; an expired (or malformed) grant is dropped from the session."""
    grants = session.get(GRANTS, {})
    grant = grants.get(str(actor_id))
    if grant is None:
        return None
    now = now or timezone.now()
    if isinstance(grant, dict) and now.timestamp() < grant.get("until", 0):
        return grant.get("user")
    session[GRANTS] = {key: value for key, value in grants.items() if key != str(actor_id)}
    return None
