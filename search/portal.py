"""One search across the portal: actors, events, networks, the city's roles in networks,
its exchanges with experts and the staff pages, each kind ranked on its own.

Actors, events and networks are asked through their QuerySets (``search`` /
``by_relevance`` on their GIN-indexed search documents, published records only). The
three small collections – the office's memberships, its expert exchanges and the staff
pages, a few dozen rows – have no column of their own: their texts are built here and
matched in one statement by the same ``german`` configuration, compound parts and
synonyms. The number of queries does not depend on the number of results.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from actors.models import Actor
from actors.search import prepare_cards
from events.models import Event
from events.views import for_event_lists
from ludwigsburg_portal import versioned
from ludwigsburg_portal.publication import Level
from ludwigsburg_portal.textsearch import (
    CONFIG,
    RANK_WEIGHTS,
    build_tsquery,
    choice_labels,
    document_texts,
    weighted_vector_sql,
    with_compound_parts,
)
from networks.models import ExpertExchange, Membership, MembershipRole, Network
from pages.models import Page, PageKey

# Results per kind on the overview; the rest is one click away (paginated).
PER_GROUP = 5
PER_PAGE = 20
# A search that matches thousands counts at most this many (see CappedCountPaginator).
COUNT_CAP = 1000


@dataclass
class Group:
    """The results of one kind."""

    key: str  # the ``bereich`` parameter
    label: str
    count: int
    capped: bool = False
    items: list = field(default_factory=list)
    list_url: str = ""  # the kind's own list, filtered by the query
    list_label: str = ""


@dataclass
class Hit:
    """A result of the small collections (no model page of its own)."""

    title: str
    url: str
    text: str = ""
    meta: str = ""


KINDS = {
    "akteure": _("Akteure"),
    "veranstaltungen": _("Veranstaltungen"),
    "netzwerke": _("Netzwerke"),
    "rollen": _("Rollen der Stadt in Netzwerken"),
    "austausch": _("Austausch mit Expertinnen und Experten"),
    "seiten": _("Seiten"),
}
LARGE_KINDS = ("akteure", "veranstaltungen", "netzwerke")


def ranked(kind: str, text: str):
    """The ranked, published QuerySet of a large kind."""
    if kind == "akteure":
        return Actor.objects.published().search(text).for_cards()
    if kind == "veranstaltungen":
        return for_event_lists(Event.objects.published().by_relevance(text))
    return (
        Network.objects.published()
        .by_relevance(text)
        .only("name", "slug", "level", "kind", "host", "is_example")
    )


def prepared(kind: str, objects) -> list:
    objects = list(objects)
    return prepare_cards(objects) if kind == "akteure" else objects


def capped_count(queryset, *, key=None) -> tuple[int, bool]:
    """(count up to COUNT_CAP, whether capped); with ``key`` kept until the next write."""

    def count() -> tuple[int, bool]:
        matches = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
        return min(matches, COUNT_CAP), matches > COUNT_CAP

    return count() if key is None else versioned.remember(("search-count", *key), count)


def count_hits(text: str, candidates=None) -> int:
    """How many published records ``text`` finds (capped per kind); ``candidates`` are
    the small collections as :func:`small_candidates` read them (read when None)."""
    large = sum(capped_count(ranked(kind, text), key=(kind, text))[0] for kind in LARGE_KINDS)
    if candidates is None:
        candidates = small_candidates()
    return large + len(match_texts([texts for _, _, texts in candidates], text))


def list_link(kind: str, text: str) -> tuple[str, str]:
    """The kind's own list filtered by the query, with the label of the link."""
    query = "?" + urlencode({"q": text})
    if kind == "akteure":
        return reverse("actors:list") + query, str(_("Im Akteursverzeichnis weiter filtern"))
    if kind == "veranstaltungen":
        return reverse("events:list") + query, str(_("Kommende Veranstaltungen dazu"))
    return "", ""


def search_overview(text: str, candidates=None) -> list[Group]:
    """The best PER_GROUP results of every kind with their counts (kinds without hits too),
    computed once per data version and language for the same text."""
    key = versioned.language_key("search-overview", text)
    return versioned.remember(key, lambda: _overview(text, candidates))


def _overview(text: str, candidates) -> list[Group]:
    groups = []
    for kind in LARGE_KINDS:
        queryset = ranked(kind, text)
        items = prepared(kind, queryset[:PER_GROUP])
        if len(items) < PER_GROUP:
            count, capped = len(items), False  # all of them: no count needed
        else:
            count, capped = capped_count(queryset, key=(kind, text))
        url, label = list_link(kind, text)
        groups.append(Group(kind, KINDS[kind], count, capped, items, url, label))
    for kind, hits in small_hits(text, candidates).items():
        groups.append(Group(kind, KINDS[kind], len(hits), items=hits[:PER_GROUP]))
    return groups


# Fewer hits than this (all kinds together) and the search looks for a better spelling.
FEW_HITS = 3


@dataclass
class Outcome:
    """What the site-wide search answers for a text."""

    text: str  # the text whose results are shown
    groups: list[Group]
    total: int
    corrected_from: str = ""  # the text as typed, when its correction is shown instead
    suggestion: object = None  # a Suggestion to offer ("Meinten Sie …?")


def search_everything(text: str, *, exact: bool = False) -> Outcome:
    """The overview of ``text``; with no or few hits, a corrected spelling that finds more
    is offered, and when it is obvious and ``text`` finds nothing, it is searched
    instead. ``exact`` searches the text as typed, without corrections."""
    from .lexicon import suggest

    candidates = small_candidates()
    groups = search_overview(text, candidates)
    outcome = Outcome(text, groups, sum(group.count for group in groups))
    if outcome.total >= FEW_HITS or exact:
        return outcome
    suggestion = suggest(text, count=lambda t: count_hits(t, candidates), better_than=outcome.total)
    if suggestion and suggestion.clear and outcome.total == 0:
        groups = search_overview(suggestion.text, candidates)
        total = sum(group.count for group in groups)
        return Outcome(suggestion.text, groups, total, corrected_from=text)
    outcome.suggestion = suggestion
    return outcome


def search_kind(kind: str, text: str):
    """All results of one kind, ranked: a QuerySet (large kinds) or a list of Hits."""
    if kind in LARGE_KINDS:
        return ranked(kind, text)
    return small_hits(text)[kind]


# --- The small collections -----------------------------------------------------------


def small_candidates() -> list[tuple[str, Hit, tuple[str, str, str]]]:
    """(kind, Hit, texts A, B, C) of the office's roles in networks, its expert exchanges
    and the staff pages: three reads of a few dozen rows, kept until the next write."""
    return versioned.remember(versioned.language_key("search-small-candidates"), _read_small)


def _read_small() -> list[tuple[str, Hit, tuple[str, str, str]]]:
    candidates: list[tuple[str, Hit, tuple[str, str, str]]] = []
    office = Actor.objects.office()
    memberships = (
        Membership.objects.public()
        .filter(actor__in=office)
        .select_related("network")
        .order_by("network__name", "pk")
    )
    for membership in memberships:
        network = membership.network
        roles = choice_labels(MembershipRole, membership.role)
        levels = choice_labels(Level, network.level)
        candidates.append(
            (
                "rollen",
                Hit(
                    title=network.name,
                    url=network.get_absolute_url(),
                    meta=f"{membership.get_role_display()} · {network.get_level_display()}",
                ),
                document_texts([network.name], [*roles, *levels, network.host], []),
            )
        )
    office_url = reverse("pages:office")
    for exchange in ExpertExchange.objects.filter(actor__in=office).order_by("expert_name"):
        candidates.append(
            (
                "austausch",
                Hit(
                    title=exchange.expert_name,
                    url=office_url + "#office-exchanges",
                    text=" – ".join(p for p in (exchange.expert_function, exchange.topic) if p),
                ),
                document_texts(
                    [exchange.expert_name], [exchange.expert_function, exchange.topic], []
                ),
            )
        )
    for page in Page.objects.exclude(key=PageKey.HOME_INTRO).only(
        "key", "title", "description", "body"
    ):
        candidates.append(
            (
                "seiten",
                Hit(title=page.title, url=page.get_absolute_url(), text=page.description),
                document_texts([page.title], [page.description], [page.body]),
            )
        )
    return candidates


def small_hits(text: str, candidates=None) -> dict[str, list[Hit]]:
    """{kind: matching Hits, best first} of the small collections (one more statement)."""
    if candidates is None:
        candidates = small_candidates()
    matches = match_texts([texts for _, _, texts in candidates], text)
    result: dict[str, list[Hit]] = {kind: [] for kind in ("rollen", "austausch", "seiten")}
    for index in matches:
        kind, hit, _ = candidates[index]
        result[kind].append(hit)
    return result


def match_texts(documents: list[tuple[str, ...]], text: str) -> list[int]:
    """Indexes of the ``documents`` (text A, B, C) that ``text`` finds, best first.

    The documents' tsvectors are computed once per data version (the same documents
    come back on every search), so a search only matches them."""
    raw = build_tsquery(text)
    if not documents or not raw:
        return []
    key = ("search-small-vectors", tuple(documents))
    vectors = versioned.remember(key, lambda: _vectors(documents))
    weights = "{" + ",".join(str(w) for w in RANK_WEIGHTS) + "}"
    sql = (
        "SELECT v.i - 1 FROM unnest(%s::tsvector[]) WITH ORDINALITY AS v(document, i) "
        f"CROSS JOIN to_tsquery('{CONFIG}', %s) AS q "
        "WHERE v.document @@ q "
        "ORDER BY ts_rank(%s::real[], v.document, q) DESC, v.i"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [vectors, raw, weights])
        return [row[0] for row in cursor.fetchall()]


def _vectors(documents: list[tuple[str, ...]]) -> list[str]:
    """The weighted tsvectors of ``documents`` (as text), in order: one statement."""
    params: list = []
    for index, texts in enumerate(documents):
        params.append(index)
        params.extend(with_compound_parts(t) for t in texts)
    rows = ", ".join(["(%s::integer, %s::text, %s::text, %s::text)"] * len(documents))
    sql = (
        f"SELECT ({weighted_vector_sql('v')})::text FROM (VALUES {rows}) AS v(i, a, b, c) "
        "ORDER BY v.i"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
