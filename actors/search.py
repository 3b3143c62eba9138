"""Search documents of actors, and "related actors" for the public directory.

An actor is found by its ``search_document`` (a stored, GIN-indexed tsvector of the
``german`` configuration, see ``ludwigsburg_portal.textsearch``): its name (weight A);
teaser, topics, kind, partner countries and regions and the published networks it
belongs to (B); description, district and city (C); each with the compound parts of
its words. The document is rewritten (:func:`refresh_actor_documents`) whenever the
actor, its topics or its regions change; apps above add their own parts
(:func:`register_document_part`: the networks app adds network names) and refresh the
actors their changes concern.

Queries are built by ``ludwigsburg_portal.textsearch.build_tsquery``: user input never
reaches PostgreSQL as query syntax; every word is a quoted prefix lexeme (``Schulen`` →
``schul:*``), and the tsquery text is a bound parameter.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import translation

from ludwigsburg_portal import versioned
from ludwigsburg_portal.publication import PublicationStatus
from ludwigsburg_portal.textsearch import (  # noqa: F401 (the names tests and apps use)
    MAX_QUERY_WORDS,
    build_tsquery,
    choice_labels,
    document_texts,
    german_query,
    search_words,
    with_english_fields,
    write_documents,
)

# Functions of apps above actors: ``part(actor_ids or None) -> {actor_id: [text, …]}``,
# texts an actor is also found by (weight B).
_document_parts: list[Callable] = []


def register_document_part(part: Callable) -> None:
    if part not in _document_parts:
        _document_parts.append(part)


def actor_documents(ids: Iterable[int] | None = None) -> dict[int, tuple[str, str, str]]:
    """{actor id: (text A, text B, text C)} of every actor (``ids`` None) or of ``ids``."""
    from taggit.models import TaggedItem

    from .models import Actor, ActorKind, District

    with translation.override("de"):  # the German columns under their plain names
        actors = Actor.objects.all() if ids is None else Actor.objects.filter(pk__in=list(ids))
        a_fields = with_english_fields(Actor, ["name"])
        b_fields = with_english_fields(Actor, ["teaser"])
        c_fields = with_english_fields(Actor, ["description"])
        rows = list(
            actors.order_by().values(
                "pk", "kind", "district", "city", *a_fields, *b_fields, *c_fields
            )
        )
        found = [row["pk"] for row in rows]
        scope = None if ids is None else found
        extra: dict[int, list[str]] = defaultdict(list)
        items = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Actor))
        regions = Actor.regions.through.objects.all()
        if scope is not None:
            items = items.filter(object_id__in=scope)
            regions = regions.filter(actor_id__in=scope)
        for actor_id, name in items.values_list("object_id", "tag__name"):
            extra[actor_id].append(name)
        for actor_id, name in regions.values_list("actor_id", "region__name"):
            extra[actor_id].append(name)
        for part in _document_parts:
            for actor_id, texts in part(scope).items():
                extra[actor_id].extend(texts)
    documents = {}
    for row in rows:
        documents[row["pk"]] = document_texts(
            [row[name] for name in a_fields],
            [
                *(row[name] for name in b_fields),
                *choice_labels(ActorKind, row["kind"]),
                *extra.get(row["pk"], ()),
            ],
            [
                *(row[name] for name in c_fields),
                *choice_labels(District, row["district"]),
                row["city"],
            ],
        )
    return documents


def refresh_actor_documents(ids: Iterable[int] | None = None) -> int:
    """Rewrite the search documents of ``ids`` (every actor when None); returns how many."""
    from .models import Actor

    documents = actor_documents(ids)
    write_documents(Actor, documents, rebuild=ids is None)
    return len(documents)


def fill_missing_documents(**kwargs) -> None:
    """After ``migrate``: documents of actors that have none yet (new column, bulk inserts)."""
    from .models import Actor

    missing = list(Actor.objects.filter(search_document__isnull=True).values_list("pk", flat=True))
    if missing:
        refresh_actor_documents(missing)


# --- What an actor is found by changes -------------------------------------------------


def _actor_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_actor_documents([instance.pk])


def _tagged_item_changed(sender, instance, raw=False, **kwargs):
    from .models import Actor

    if not raw and instance.content_type_id == ContentType.objects.get_for_model(Actor).pk:
        refresh_actor_documents([instance.object_id])


def _tag_saved(sender, instance, raw=False, created=False, **kwargs):
    from taggit.models import TaggedItem

    from .models import Actor

    if raw or created:
        return
    ids = TaggedItem.objects.filter(
        tag=instance, content_type=ContentType.objects.get_for_model(Actor)
    ).values_list("object_id", flat=True)
    refresh_actor_documents(list(ids))


def _regions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """``actor.regions.set(…)`` and ``region.actors.add(…)``, ``remove``, ``clear``."""
    if not reverse:
        if action.startswith("post_"):
            refresh_actor_documents([instance.pk])
    elif action == "pre_clear":
        instance._search_actor_ids = list(instance.actors.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh_actor_documents(getattr(instance, "_search_actor_ids", []))
    elif action in ("post_add", "post_remove"):
        refresh_actor_documents(pk_set or [])


def _region_link_deleted(sender, instance, **kwargs):
    """A link removed with its region (deleting a region cascades to the link table)."""
    refresh_actor_documents([instance.actor_id])


def _region_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        refresh_actor_documents(list(instance.actors.values_list("pk", flat=True)))


def connect_signals(app_config) -> None:
    """Called from ``ActorsConfig.ready()``."""
    from taggit.models import Tag, TaggedItem

    from .models import Actor, Region

    post_save.connect(_actor_saved, sender=Actor, dispatch_uid="actor-search-document")
    for signal in (post_save, post_delete):
        signal.connect(_tagged_item_changed, sender=TaggedItem, dispatch_uid="actor-search-tags")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid="actor-search-tag-name")
    m2m_changed.connect(
        _regions_changed, sender=Actor.regions.through, dispatch_uid="actor-search-regions"
    )
    post_delete.connect(
        _region_link_deleted, sender=Actor.regions.through, dispatch_uid="actor-search-region-link"
    )
    post_save.connect(_region_saved, sender=Region, dispatch_uid="actor-search-region-name")
    post_migrate.connect(fill_missing_documents, sender=app_config)


# Per shared topic, goal or network, only this many other actors are considered. Real topics
# are shared by a handful of actors; in the 10,000-actor benchmark one topic is
# shared by over a thousand, and scoring all of them would cost more than the page.
RELATED_CANDIDATES_PER_FEATURE = 200


def related_actors(actor, *, limit: int = 6) -> list:
    """Published actors sharing topics, SDGs or (published) networks with ``actor``.

    One query, best match first, with the columns an actor card shows. A shared network
    counts three times, a shared topic twice and a shared SDG once, because SDGs are
    broad and networks specific.
    Ties are broken by name (among the best-scored candidates).
    """
    from networks.models import Membership

    from .models import Actor

    tag_through = Actor.tags.through._meta.db_table
    sdg_through = Actor.sdgs.through._meta.db_table
    membership = Membership._meta.db_table
    actor_table = Actor._meta.db_table
    content_type = ContentType.objects.get_for_model(Actor)  # cached after the first call
    # The actor's networks as Membership.objects.public() defines them (both ends published).
    networks_sql, networks_params = (
        Membership.objects.public()
        .filter(actor_id=actor.pk)
        .order_by()
        .values("network_id")
        .query.sql_with_params()
    )
    sql = f"""
        WITH shared AS (
            SELECT t.object_id AS actor_id, 2 AS weight
            FROM {tag_through} mine
            CROSS JOIN LATERAL (
                SELECT object_id FROM {tag_through} other
                WHERE other.tag_id = mine.tag_id AND other.content_type_id = %s
                LIMIT %s
            ) t
            WHERE mine.content_type_id = %s AND mine.object_id = %s
            UNION ALL
            SELECT s.actor_id, 1
            FROM {sdg_through} mine
            CROSS JOIN LATERAL (
                SELECT actor_id FROM {sdg_through} other
                WHERE other.sustainabledevelopmentgoal_id = mine.sustainabledevelopmentgoal_id
                LIMIT %s
            ) s
            WHERE mine.actor_id = %s
            UNION ALL
            SELECT DISTINCT n.actor_id, 3
            FROM ({networks_sql}) mine
            CROSS JOIN LATERAL (
                SELECT actor_id FROM {membership} other
                WHERE other.network_id = mine.network_id
                LIMIT %s
            ) n
        ), scored AS (
            SELECT actor_id, SUM(weight) AS score FROM shared
            WHERE actor_id <> %s
            GROUP BY actor_id
            ORDER BY score DESC, actor_id
            LIMIT %s
        )
        SELECT a.id, a.name, a.slug, a.kind, a.teaser, a.teaser_en, a.district, a.logo,
            a.is_example
        FROM scored JOIN {actor_table} a ON a.id = scored.actor_id
        WHERE a.status = %s
        ORDER BY scored.score DESC, a.name, a.id
        LIMIT %s
    """  # Table names come from model metadata; every value is a bound parameter.
    per_feature = RELATED_CANDIDATES_PER_FEATURE
    params = [
        *(content_type.pk, per_feature, content_type.pk, actor.pk),  # shared topics
        *(per_feature, actor.pk),  # shared SDGs
        *networks_params,  # shared networks
        per_feature,
        actor.pk,
        limit * 10,  # best-scored candidates looked at; a few may turn out unpublished
        PublicationStatus.PUBLISHED,  # Actor.objects.published(), as SQL
        limit,
    ]
    return list(Actor.objects.raw(sql, params))


def prepare_cards(actors) -> list:
    """Actors ready for ``includes/actor_card.html``, with one query for all their topics.

    Sets ``topic_list`` (Tag objects by name, with their English name joined in),
    ``kind_label`` and ``district_label``. The topics of a page of cards are kept until
    the next write (``versioned``).
    taggit's ``prefetch_related("tags")`` would cost about ten times as much per
    directory page (a DISTINCT join and a manager per actor), and ``get_kind_display``
    rebuilds its choices dictionary on every call.
    """
    from taggit.models import TaggedItem

    from .models import Actor, ActorKind, District

    actors = list(actors)
    ids = tuple(actor.pk for actor in actors)

    def topics() -> dict[int, list]:
        by_actor: dict[int, list] = {pk: [] for pk in ids}
        items = (
            TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(Actor), object_id__in=ids
            )
            .select_related("tag", "tag__translation")
            .only("object_id", "tag__name", "tag__slug", "tag__translation__name_en")
            .order_by("tag__name")
        )
        for item in items:
            by_actor[item.object_id].append(item.tag)
        return by_actor

    # The same page of the same list shows the same topics until the next write.
    by_actor = versioned.remember(("card-topics", ids), topics) if ids else {}
    kinds = {value: str(label) for value, label in ActorKind.choices}
    districts = {value: str(label) for value, label in District.choices}
    for actor in actors:
        actor.topic_list = by_actor[actor.pk]
        actor.kind_label = kinds.get(actor.kind, actor.kind)
        actor.district_label = districts.get(actor.district, actor.district)
    return actors
