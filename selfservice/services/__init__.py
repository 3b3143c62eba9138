"""Every self-service write with a side effect, one module per concern.

Keyword-only functions that validate, write inside ``transaction.atomic`` and
schedule their e-mails with ``transaction.on_commit`` (see :mod:`selfservice.mail`), so a
mail is never sent about data that was not stored, and data is never lost
because a mail could not be sent.

Callers use the package (``from selfservice import services;
services.submission_approve(...)``); the modules are:

- :mod:`.accounts`: accounts and the addresses they proved (``user_for_email``);
- :mod:`.profiles`: profile data as JSON, editors' changes and revisions;
- :mod:`.submissions`: new profiles (submit, confirm, approve, reject);
- :mod:`.claims`, :mod:`.invitations`: becoming an editor of an existing profile;
- :mod:`.events`: events proposed by editors;
- :mod:`.moderation`: recording staff's decision once, under a lock;
- :mod:`.status_guards`: status changes from elsewhere meet an open moderation;
- :mod:`.reminders`: keeping profiles current;
- :mod:`.data_protection`: purge, export and deletion of personal data.
"""

from .accounts import (
    User,
    account_email,
    submissions_of,
    trusted_emails,
    user_for_email,
    verified_address,
)
from .claims import claim_approve, claim_create, claim_reject
from .data_protection import (
    Purged,
    account_delete,
    actor_history_purge,
    personal_data_export,
    unconfirmed_submissions_purge,
)
from .events import event_approve, event_proposal_update, event_propose, event_reject
from .invitations import invitation_accept, invitation_create, is_editor_address
from .profiles import (
    M2M_FIELDS,
    SIMPLE_FIELDS,
    actor_update,
    profile_data,
    profile_snapshot,
    revision_approve,
    revision_reject,
)
from .reminders import profile_archive, profile_confirm, reminders_send
from .slugs import unique_slug
from .status_guards import actor_status_guard, event_status_guard
from .submissions import (
    submission_approve,
    submission_confirm,
    submission_create,
    submission_reject,
    submission_token_expired,
)

__all__ = [
    "M2M_FIELDS",
    "SIMPLE_FIELDS",
    "Purged",
    "User",
    "account_delete",
    "account_email",
    "actor_history_purge",
    "actor_status_guard",
    "actor_update",
    "claim_approve",
    "claim_create",
    "claim_reject",
    "event_approve",
    "event_proposal_update",
    "event_propose",
    "event_reject",
    "event_status_guard",
    "invitation_accept",
    "invitation_create",
    "is_editor_address",
    "personal_data_export",
    "profile_archive",
    "profile_confirm",
    "profile_data",
    "profile_snapshot",
    "reminders_send",
    "revision_approve",
    "revision_reject",
    "submission_approve",
    "submission_confirm",
    "submission_create",
    "submission_reject",
    "submission_token_expired",
    "submissions_of",
    "trusted_emails",
    "unconfirmed_submissions_purge",
    "unique_slug",
    "user_for_email",
    "verified_address",
]
