"""German full-text search and "related actors" for the public directory.

The search runs against ``Actor.search_document`` (a generated, GIN-indexed tsvector:
name weight A, teaser B, description C, all with the ``german`` configuration).
User input never reaches PostgreSQL as query syntax: we keep only word characters,
quote every word as a tsquery lexeme and give it the prefix marker ``:*``, so
"Schulen" is stemmed to ``schul:*`` (finds "Schule") and "Fair" becomes ``fair:*``
(finds "Fairtrade"). The tsquery text itself is passed as a bound parameter.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery

from ludwigsburg_portal.publication import PublicationStatus

# Longer queries are cut: nobody types more, and each word costs index work.
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 60
WORD_RE = re.compile(r"\w+", re.UNICODE)


def search_words(text: str) -> list[str]:
    """The words of a search string that take part in the query (deduplicated, in order)."""
    words: list[str] = []
    for match in WORD_RE.finditer(text or ""):
        word = match.group().replace("_", "")[:MAX_WORD_LENGTH].lower()
        if word and word not in words:
            words.append(word)
        if len(words) == MAX_QUERY_WORDS:
            break
    return words


def build_tsquery(text: str, *, weights: str = "") -> str:
    """A raw tsquery: every word a quoted prefix lexeme, all words required.

    ``weights`` (e.g. ``"A"``) restricts the match to those parts of the document.
    Returns "" when the text has no words.
    """
    lexemes = []
    for word in search_words(text):
        # \w never yields quotes or backslashes, but escape anyway: tsquery quoting
        # doubles single quotes and treats backslash as an escape character.
        quoted = word.replace("\\", "\\\\").replace("'", "''")
        lexemes.append(f"'{quoted}':*{weights}")
    return " & ".join(lexemes)


def german_query(text: str, *, weights: str = "") -> SearchQuery | None:
    raw = build_tsquery(text, weights=weights)
    if not raw:
        return None
    return SearchQuery(raw, search_type="raw", config="german")


# Per shared topic or goal, only this many other actors are considered. Real topics
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
            SELECT DISTINCT other.actor_id, 3
            FROM {membership} other
            WHERE other.network_id IN ({networks_sql})
        ), scored AS (
            SELECT actor_id, SUM(weight) AS score FROM shared
            WHERE actor_id <> %s
            GROUP BY actor_id
            ORDER BY score DESC, actor_id
            LIMIT %s
        )
        SELECT a.id, a.name, a.slug, a.kind, a.teaser, a.teaser_en, a.district, a.logo
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
        actor.pk,
        limit * 10,  # best-scored candidates looked at; a few may turn out unpublished
        PublicationStatus.PUBLISHED,  # Actor.objects.published(), as SQL
        limit,
    ]
    return list(Actor.objects.raw(sql, params))


def prepare_cards(actors) -> list:
    """Actors ready for ``includes/actor_card.html``, with one query for all their topics.

    Sets ``topic_list`` (Tag objects by name, with their English name joined in),
    ``kind_label`` and ``district_label``.
    taggit's ``prefetch_related("tags")`` would cost about ten times as much per
    directory page (a DISTINCT join and a manager per actor), and ``get_kind_display``
    rebuilds its choices dictionary on every call.
    """
    from taggit.models import TaggedItem

    from .models import Actor, ActorKind, District

    actors = list(actors)
    by_actor: dict[int, list] = {actor.pk: [] for actor in actors}
    items = (
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Actor), object_id__in=list(by_actor)
        )
        .select_related("tag", "tag__translation")
        .only("object_id", "tag__name", "tag__slug", "tag__translation__name_en")
        .order_by("tag__name")
    )
    for item in items:
        by_actor[item.object_id].append(item.tag)
    kinds = {value: str(label) for value, label in ActorKind.choices}
    districts = {value: str(label) for value, label in District.choices}
    for actor in actors:
        actor.topic_list = by_actor[actor.pk]
        actor.kind_label = kinds.get(actor.kind, actor.kind)
        actor.district_label = districts.get(actor.district, actor.district)
    return actors
