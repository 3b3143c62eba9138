"""Data protection on every deletion path (admin, shell, cascades).

Deleting an actor cascades to its submissions, claims, revisions and
invitations; their history rows (which hold submitter names and addresses and
the actor's contact data) are not foreign keys and would survive. Receivers
are the one place every deletion passes through, so the purge lives here.
"""

from django.db.models.signals import post_delete


def _purge_actor_history(sender, instance, **kwargs):
    from .services import actor_history_purge

    actor_history_purge(actor_id=instance.pk)


def connect() -> None:
    from actors.models import Actor

    post_delete.connect(_purge_actor_history, sender=Actor, dispatch_uid="selfservice-purge")
