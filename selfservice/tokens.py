"""Signed, expiring links in the yearly reminder: they act for one profile only."""

from django.conf import settings
from django.core import signing

SALT = "selfservice.reminder"


def make_reminder_token(*, actor_id: int, user_id: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"a": actor_id, "u": user_id})


def read_reminder_token(token: str) -> tuple[int, int] | None:
    """(actor id, user id), or None for a forged, altered or expired token."""
    max_age = settings.PROFILE_REMINDER_LINK_DAYS * 24 * 3600
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
        return int(data["a"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
