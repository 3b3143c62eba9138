"""How a person with an account is shown: by name or address, never by user name.

Accounts get their user name generated (allauth derives it from the address or the
name, e.g. "chris.ko"); nobody chose it and nobody recognises it. Every page, mail
and admin list therefore shows :func:`display_name`: the name the person gave,
else the address the account verified, else what staff set up for a staff login.
``str(user)`` is this too (see :class:`~ludwigsburg_portal.apps.PortalConfig`), so
admin columns, selectors and the history show it without being told.
"""

from allauth.account.models import EmailAddress
from django.utils.translation import gettext as _

# The verified address looked up for a user instance, kept on it for the request.
_CACHE = "_portal_verified_address"


def verified_primary_address(user) -> str:
    """The address the account verified, the primary one first; "" if none.

    Uses ``prefetch_related("emailaddress_set")`` when the caller did that (lists),
    else one query, remembered on the instance."""
    if user is None or user.pk is None:
        return ""
    prefetched = getattr(user, "_prefetched_objects_cache", {}).get("emailaddress_set")
    if prefetched is not None:
        rows = sorted(
            (row for row in prefetched if row.verified), key=lambda row: (not row.primary, row.pk)
        )
        return rows[0].email if rows else ""
    if not hasattr(user, _CACHE):
        address = (
            EmailAddress.objects.filter(user_id=user.pk, verified=True)
            .order_by("-primary", "pk")
            .values_list("email", flat=True)
            .first()
        )
        setattr(user, _CACHE, address or "")
    return getattr(user, _CACHE)


def display_name(user) -> str:
    """The person's full name; else their verified address; never the user name.

    A staff login the city's IT created carries its address without allauth having
    verified it, and that address is shown as it is. Any other unverified address is
    marked as such (staff choosing an editor must not mistake a sign-up that was
    never confirmed for its owner); an account with neither is "Konto Nr. N"."""
    if getattr(user, "pk", None) is None:  # nobody, or an anonymous visitor
        return ""
    name = user.get_full_name().strip()
    if name:
        return name
    address = verified_primary_address(user)
    if address:
        return address
    if user.email and user.is_staff:
        return user.email
    if user.email:
        return _("%(email)s (nicht bestätigt)") % {"email": user.email}
    return _("Konto Nr. %(number)s") % {"number": user.pk}
