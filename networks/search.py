"""Search documents of networks, and the network names an actor is found by.

A network is found by its name (weight A), host, kind and level (B) and description (C),
each with the compound parts of its words (``ludwigsburg_portal.textsearch``). Actors
are also found by the names of the published networks they belong to: this app adds
them to the actors' documents (``actors.search.register_document_part``) and refreshes
the actors concerned when a membership or a network changes.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils import translation

from actors.search import refresh_actor_documents, register_document_part
from ludwigsburg_portal.publication import Level, PublicationStatus
from ludwigsburg_portal.textsearch import (
    choice_labels,
    document_texts,
    with_english_fields,
    write_documents,
)


def network_documents(ids: Iterable[int] | None = None) -> dict[int, tuple[str, str, str]]:
    from .models import Network, NetworkKind

    with translation.override("de"):
        networks = Network.objects.all() if ids is None else Network.objects.filter(pk__in=ids)
        a_fields = with_english_fields(Network, ["name"])
        b_fields = with_english_fields(Network, ["host"])
        c_fields = with_english_fields(Network, ["description"])
        rows = list(
            networks.order_by().values("pk", "kind", "level", *a_fields, *b_fields, *c_fields)
        )
    return {
        row["pk"]: document_texts(
            [row[name] for name in a_fields],
            [
                *(row[name] for name in b_fields),
                *choice_labels(NetworkKind, row["kind"]),
                *choice_labels(Level, row["level"]),
            ],
            [row[name] for name in c_fields],
        )
        for row in rows
    }


def refresh_network_documents(ids: Iterable[int] | None = None) -> int:
    from .models import Network

    documents = network_documents(ids)
    write_documents(Network, documents, rebuild=ids is None)
    return len(documents)


def actor_network_names(actor_ids: list[int] | None) -> dict[int, list[str]]:
    """{actor id: names of the published networks it is or was a member of}."""
    from .models import Membership

    memberships = Membership.objects.filter(network__status=PublicationStatus.PUBLISHED)
    if actor_ids is not None:
        memberships = memberships.filter(actor_id__in=actor_ids)
    names: dict[int, list[str]] = defaultdict(list)
    with translation.override("de"):
        for actor_id, name in memberships.values_list("actor_id", "network__name").distinct():
            names[actor_id].append(name)
    return names


def fill_missing_documents(**kwargs) -> None:
    from .models import Network

    missing = list(
        Network.objects.filter(search_document__isnull=True).values_list("pk", flat=True)
    )
    if missing:
        refresh_network_documents(missing)


def _network_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_network_documents([instance.pk])
    # Its name (or whether it is published) is part of its members' documents.
    refresh_actor_documents(list(instance.memberships.values_list("actor_id", flat=True)))


def _membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actor_documents([instance.actor_id])


def connect_signals(app_config) -> None:
    """Called from ``NetworksConfig.ready()``."""
    from .models import Membership, Network

    register_document_part(actor_network_names)
    post_save.connect(_network_saved, sender=Network, dispatch_uid="network-search-document")
    for signal in (post_save, post_delete):
        signal.connect(
            _membership_changed, sender=Membership, dispatch_uid="network-search-membership"
        )
    post_migrate.connect(fill_missing_documents, sender=app_config)
