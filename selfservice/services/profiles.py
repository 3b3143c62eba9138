"""An actor's profile as plain JSON and the changes editors make to it.

The profile fields (``PROFILE_FIELDS``) are stored as JSON in revisions so staff see
a before/after diff; :func:`actor_update` applies an editor's change at once or
keeps it as a pending revision for staff to decide.
"""

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from actors.models import Actor
from ludwigsburg_portal.publication import PublicationStatus

from ..mail import absolute, schedule_mail, schedule_staff_mail
from ..models import ModerationState, Revision
from ..profile import PROFILE_FIELDS
from .accounts import account_email
from .moderation import _admin_url, _decide

M2M_FIELDS = ("tags", "sdgs", "regions")
SIMPLE_FIELDS = [name for name in PROFILE_FIELDS if name not in (*M2M_FIELDS, "logo")]


# --- Profile data as plain JSON (for revisions and the before/after diff) -------


def profile_snapshot(actor: Actor) -> dict:
    data = {name: getattr(actor, name) for name in SIMPLE_FIELDS}
    data["tags"] = sorted(actor.tags.names())
    data["sdgs"] = sorted(actor.sdgs.values_list("pk", flat=True))
    data["regions"] = sorted(actor.regions.values_list("pk", flat=True))
    data["logo"] = actor.logo.name or ""
    return data


def profile_data(*, cleaned: dict, current_logo: str = "") -> dict:
    """JSON-able profile from a validated :class:`~selfservice.forms.ActorProfileForm`.

    A new logo (already re-encoded by the form) is stored right away under a
    random name, so a pending revision can point to it."""
    empty = {"founded_year": None, "contact_public": False}
    data = {}
    for name in SIMPLE_FIELDS:
        value = cleaned.get(name)
        data[name] = empty.get(name, "") if value is None else value
    data["tags"] = sorted(cleaned.get("tags") or [])
    data["sdgs"] = sorted(goal.pk for goal in cleaned.get("sdgs") or [])
    data["regions"] = sorted(region.pk for region in cleaned.get("regions") or [])
    logo = cleaned.get("logo")
    if logo is False:
        data["logo"] = ""
    elif isinstance(logo, File) and not getattr(logo, "_committed", False):
        data["logo"] = default_storage.save(f"logos/{logo.name}", logo)
    else:
        data["logo"] = current_logo
    return data


def _apply_profile(actor: Actor, data: dict, *, fields=None) -> None:
    fields = list(fields if fields is not None else data)
    for name in fields:
        if name in SIMPLE_FIELDS:
            setattr(actor, name, data[name])
    if "logo" in fields:
        actor.logo.name = data["logo"] or ""
    actor.full_clean(exclude=["search_document"])
    actor.save()
    if "tags" in fields:
        actor.tags.set(data["tags"])
    if "sdgs" in fields:
        actor.sdgs.set(data["sdgs"])
    if "regions" in fields:
        actor.regions.set(data["regions"])


# --- Changes by editors ---------------------------------------------------------


@transaction.atomic
def actor_update(*, actor: Actor, profile: dict, by) -> Revision | None:
    """Apply an editor's change, or keep it as a pending revision.

    Published profiles of actors that are not trusted stay as they are until
    staff approve; drafts, pending and trusted profiles change at once."""
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
    actor._history_user = by
    if actor.trusted or actor.status != PublicationStatus.PUBLISHED:
        _apply_profile(actor, profile)
        return None
    before = profile_snapshot(actor)
    pending = Revision.objects.pending().filter(actor=actor).first()
    if profile == before:
        if pending:
            pending.delete()
        return None
    is_new = pending is None
    revision = pending or Revision(actor=actor)
    revision.author = by
    revision.before = before
    revision.after = profile
    revision.created = timezone.now()
    revision.save()
    if is_new:
        schedule_staff_mail(
            template="staff_revision",
            context={"revision": revision, "admin_url": _admin_url(revision)},
            user=by,
        )
    return revision


@transaction.atomic
def revision_approve(*, revision: Revision, by, now=None) -> None:
    actor = Actor.objects.select_for_update().get(pk=revision.actor_id)
    _decide(revision, state=ModerationState.APPROVED, by=by, now=now)
    actor._history_user = by
    # Only what the editor changed: staff edits to other fields in between survive.
    _apply_profile(actor, revision.after, fields=revision.changed_fields())
    if revision.author:
        schedule_mail(
            template="revision_approved",
            to=[account_email(revision.author)],
            context={"revision": revision, "actor_url": absolute(actor.get_absolute_url())},
        )


@transaction.atomic
def revision_reject(*, revision: Revision, by, reason: str, now=None) -> None:
    _decide(revision, state=ModerationState.REJECTED, by=by, reason=reason, now=now)
    # The proposed logo file is deleted after commit by the logo receivers (signals).
    if revision.author:
        schedule_mail(
            template="revision_rejected",
            to=[account_email(revision.author)],
            context={"revision": revision},
        )
