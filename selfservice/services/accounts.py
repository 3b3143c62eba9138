"""Accounts and the e-mail addresses they proved."""

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from ..mail import absolute
from ..models import Submission, any_case

User = get_user_model()


# --- Accounts and the addresses they proved -------------------------------------
#
# An address is trusted for an account only where that account verified it
# (allauth's EmailAddress.verified: a link or code mailed to it came back). An
# address typed in without proof – a second address never confirmed, a sign-up
# never finished, a bare User.email – links nothing: no profile, no invitation,
# no mail, no submissions or invitations in "Meine Profile", the export or the
# deletion.


def verified_address(*, user, email: str) -> EmailAddress | None:
    """The row by which ``user`` proved ``email`` (any case), or None."""
    if not user.is_authenticated or not email:
        return None
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).first()


def trusted_emails(user) -> list[str]:
    """The addresses the account verified, lower-cased, the primary one first."""
    rows = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk")
    return list(dict.fromkeys(row.email.lower() for row in rows))


def account_email(user) -> str:
    """Where mail about this account goes; "" when it has verified no address."""
    emails = trusted_emails(user)
    return emails[0] if emails else ""


def submissions_of(user):
    """Submissions approved into this account or sent from an address it verified."""
    return Submission.objects.filter(
        Q(user=user) | any_case("submitter_email", trusted_emails(user))
    )


def _new_account(*, email: str, name: str) -> "User":
    username = get_adapter().generate_unique_username([name, email, "verein"])
    try:
        with transaction.atomic():
            user = User(username=username, email=email, first_name=name[:150])
            user.set_unusable_password()
            user.save()
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    except IntegrityError:
        # A concurrent approval verified the address first (one verified copy per address).
        owner = EmailAddress.objects.filter(email__iexact=email, verified=True).first()
        if owner is None:
            raise
        return owner.user
    return user


def user_for_email(*, email: str, name: str = "") -> "User":
    """The account that verified a confirmed address; a new one (without password) if none did.

    The submitter proved the address by clicking our double opt-in link, so the new
    account's address is verified: they log in with a code or set a password, and
    allauth's lookups (code login, password reset), which prefer the verified owner,
    find this account. Someone else who typed the same address into their account
    without proving it gets nothing, and their unverified copy is removed: allauth
    refuses to verify a second copy only in the same spelling, so a copy in another
    case could otherwise be verified later and make code login ambiguous. A bare
    User.email elsewhere is left alone; nothing trusts it."""
    email = email.strip().lower()
    owner = EmailAddress.objects.filter(email__iexact=email, verified=True).first()
    user = owner.user if owner else _new_account(email=email, name=name)
    for copy in EmailAddress.objects.filter(email__iexact=email, verified=False).exclude(user=user):
        copy.remove()  # also points that account's User.email to another of its addresses
    return user


def _account_links() -> dict:
    return {
        "login_url": absolute(reverse("account_login")),
        "code_url": absolute(reverse("account_request_login_code")),
        "reset_url": absolute(reverse("account_reset_password")),
        "my_profiles_url": absolute(reverse("selfservice:my_profiles")),
    }
