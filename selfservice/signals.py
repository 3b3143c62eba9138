"""Data protection on every write path (admin, shell, services, cascades).

Deleting an actor cascades to its submissions, claims, revisions and
invitations; their history rows (which hold submitter names and addresses and
the actor's contact data) are not foreign keys and would survive. Logo files
are public under /media/ and are no foreign keys either. Receivers are the one
place every deletion and change passes through, so the purge and the logo file
clean-up live here.
"""

from django.db.models.signals import post_delete, post_save, pre_save

from .images import logo_files_release
from .models import Revision


def _purge_actor_history(sender, instance, **kwargs):
    from .services import actor_history_purge

    actor_history_purge(actor_id=instance.pk)


# --- Logo files: released when the last actor or pending revision lets go ----------


def _logo_names(instance) -> set[str]:
    if isinstance(instance, Revision):
        names = {(instance.after or {}).get("logo"), (instance.before or {}).get("logo")}
    else:
        names = {instance.logo.name}
    return {name for name in names if name}


def _remember_stored_logos(sender, instance, raw=False, update_fields=None, **kwargs):
    """The logos the row named before this save (one query, only for stored rows)."""
    instance._stored_logos = set()
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = ["after", "before"] if sender is Revision else ["logo"]
    if update_fields is not None and not set(fields) & set(update_fields):
        return
    stored = sender._base_manager.filter(pk=instance.pk).only(*fields).first()
    if stored is not None:
        instance._stored_logos = _logo_names(stored)


def _release_replaced_logos(sender, instance, raw=False, **kwargs):
    if raw:
        return
    released = getattr(instance, "_stored_logos", set()) - _logo_names(instance)
    if sender is Revision and not instance.is_pending:
        # A decided revision holds on to nothing: what the actor shows now stays.
        released |= _logo_names(instance)
    logo_files_release(*released)


def _release_deleted_logos(sender, instance, **kwargs):
    logo_files_release(*_logo_names(instance))


def connect() -> None:
    from actors.models import Actor

    post_delete.connect(_purge_actor_history, sender=Actor, dispatch_uid="selfservice-purge")
    for model in (Actor, Revision):
        label = model._meta.label_lower
        pre_save.connect(_remember_stored_logos, sender=model, dispatch_uid=f"logos-pre-{label}")
        post_save.connect(_release_replaced_logos, sender=model, dispatch_uid=f"logos-{label}")
        post_delete.connect(
            _release_deleted_logos, sender=model, dispatch_uid=f"logos-delete-{label}"
        )
