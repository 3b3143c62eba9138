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
from django.db import connection

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


def related_actor_ids(actor, *, limit: int = 6) -> list[int]:
    """Ids of published actors sharing topics, SDGs or (published) networks with ``actor``.

    One query, best match first. A shared network counts three times, a shared
    topic twice and a shared SDG once, because SDGs are broad and networks specific.
    """
    from networks.models import Membership, Network

    from .models import Actor

    tag_through = Actor.tags.through._meta.db_table
    sdg_through = Actor.sdgs.through._meta.db_table
    membership = Membership._meta.db_table
    network = Network._meta.db_table
    actor_table = Actor._meta.db_table
    content_type = ContentType.objects.get_for_model(Actor)  # cached after the first call
    sql = f"""
        WITH mine_tags AS (
            SELECT tag_id FROM {tag_through} WHERE content_type_id = %(ct)s AND object_id = %(id)s
        ), mine_sdgs AS (
            SELECT sustainabledevelopmentgoal_id AS sdg FROM {sdg_through} WHERE actor_id = %(id)s
        ), mine_networks AS (
            SELECT m.network_id FROM {membership} m JOIN {network} n ON n.id = m.network_id
            WHERE m.actor_id = %(id)s AND n.status = %(published)s
        ), shared AS (
            SELECT t.object_id AS actor_id, 2 AS weight FROM {tag_through} t
            WHERE t.content_type_id = %(ct)s AND t.tag_id IN (SELECT tag_id FROM mine_tags)
            UNION ALL
            SELECT s.actor_id, 1 FROM {sdg_through} s
            WHERE s.sustainabledevelopmentgoal_id IN (SELECT sdg FROM mine_sdgs)
            UNION ALL
            SELECT DISTINCT m.actor_id, 3 FROM {membership} m
            WHERE m.network_id IN (SELECT network_id FROM mine_networks)
        )
        SELECT a.id FROM shared JOIN {actor_table} a ON a.id = shared.actor_id
        WHERE a.status = %(published)s AND a.id <> %(id)s
        GROUP BY a.id, a.name
        ORDER BY SUM(shared.weight) DESC, a.name
        LIMIT %(limit)s
    """  # Table names come from model metadata; every value is a bound parameter.
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "ct": content_type.pk,
                "id": actor.pk,
                "published": PublicationStatus.PUBLISHED,
                "limit": limit,
            },
        )
        return [row[0] for row in cursor.fetchall()]
